import { z } from 'zod';
import { updateHintSchema } from '../downloads/downloads.schemas.js';

export const keySchema = z.object({
  id: z.string(),
  licenseKey: z.string(),
  licenseKeyMasked: z.boolean(),
  product: z.object({ id: z.string(), name: z.string(), latestVersion: z.string().nullable() }),
  edition: z.object({ id: z.string(), name: z.string() }).nullable(),
  seats: z.number().int(),
  seatsUsed: z.number().int(),
  term: z.enum(['perpetual', 'subscription']),
  validUntil: z.string().nullable(),
  status: z.enum(['active', 'suspended', 'revoked']),
  keyGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignedTo: z.object({ name: z.string().nullable(), email: z.string().nullable(), userId: z.string().nullable() }).nullable(),
  maintenance: z.object({ start: z.string().nullable(), end: z.string().nullable(), status: z.enum(['active', 'expiring', 'expired', 'none']) }),
  lastUsedVersion: z.string().nullable(),
  updateAvailable: z.boolean(),
  /** "N versions behind": the newest stable/LTS release this key's maintenance covers, against its last used version (null: up to date or unknown). */
  updateHint: updateHintSchema.nullable(),
  lastSeenAt: z.string().nullable(),
  version: z.number().int(),
  abilities: z.object({ manage: z.boolean(), assign: z.boolean(), move: z.boolean(), release: z.boolean(), offlineActivation: z.boolean(), requestRenewal: z.boolean() }),
});

export const activationSchema = z.object({
  id: z.string(),
  hostname: z.string().nullable(),
  os: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  fingerprint: z.string(),
  method: z.enum(['online', 'offline']),
  status: z.enum(['active', 'deactivated']),
  activatedAt: z.string(),
  activatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastSeenAt: z.string(),
  deactivatedAt: z.string().nullable(),
  deactivation: z.enum(['software', 'offline', 'portal_release', 'staff']).nullable(),
  deactivatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const keyListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  filter: z.enum(['unassigned', 'unregistered', 'maintenance_active', 'maintenance_expiring', 'maintenance_expired']).optional(),
  product: z.string().max(100).optional(),
  keyGroup: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const assigneeSchema = z
  .union([
    z.strictObject({ userId: z.string().min(1).max(100) }),
    z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email().max(320), inviteToPortal: z.boolean().optional() }),
  ])
  .nullable();

export const updateKeySchema = z
  .strictObject({ assignedTo: assigneeSchema.optional(), keyGroupId: z.string().min(1).max(100).nullable().optional() })
  .refine((v) => v.assignedTo !== undefined || v.keyGroupId !== undefined, { message: 'Nothing to change' });

export const bulkUpdateSchema = z
  .strictObject({ keyIds: z.array(z.string().min(1).max(100)).min(1).max(500), assignedTo: assigneeSchema.optional(), keyGroupId: z.string().min(1).max(100).nullable().optional() })
  .refine((v) => v.assignedTo !== undefined || v.keyGroupId !== undefined, { message: 'Nothing to change' });

export const keyGroupSchema = z.object({ id: z.string(), name: z.string(), keyCount: z.number().int(), managers: z.array(z.object({ id: z.string(), name: z.string() })) });
