import { z } from 'zod';
import { CUSTOMER_ROLES } from '../../app/auth/permissions.js';
import { localeSchema, passwordField } from './users.schemas.js';

export const accountUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(CUSTOMER_ROLES),
  caseAdmin: z.boolean(),
  billing: z.boolean(),
  downloads: z.boolean(),
  keyGroups: z.array(z.object({ id: z.string(), name: z.string() })),
  status: z.enum(['invited', 'active', 'disabled']),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: z.object({ edit: z.boolean(), deactivate: z.boolean(), reactivate: z.boolean(), remove: z.boolean(), resendInvitation: z.boolean() }),
});

const keyGroupIds = z.array(z.string().min(1).max(100)).max(200);

export const inviteUserSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(CUSTOMER_ROLES),
  caseAdmin: z.boolean().default(false),
  billing: z.boolean().default(false),
  downloads: z.boolean().default(false),
  keyGroupIds: keyGroupIds.default([]),
  locale: localeSchema.optional(),
});

export const updateUserSchema = z
  .strictObject({
    role: z.enum(CUSTOMER_ROLES).optional(),
    caseAdmin: z.boolean().optional(),
    billing: z.boolean().optional(),
    downloads: z.boolean().optional(),
    keyGroupIds: keyGroupIds.optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });

export const listUsersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  role: z.enum(CUSTOMER_ROLES).optional(),
  status: z.enum(['invited', 'active', 'disabled']).optional(),
});

export const acceptInvitationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  password: passwordField,
  locale: localeSchema.optional(),
});

export const invitationSchema = z.object({
  email: z.string(),
  name: z.string(),
  locale: localeSchema.nullable(),
  accountName: z.string().nullable(),
  inviterName: z.string().nullable(),
  expiresAt: z.string(),
});
