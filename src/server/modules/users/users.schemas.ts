import { z } from 'zod';
import { CUSTOMER_ROLES, STAFF_ROLES } from '../../app/auth/permissions.js';

export const localeSchema = z.enum(['de', 'en']);

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: localeSchema.nullable(),
    kind: z.enum(['customer', 'staff']),
    staffRole: z.enum(STAFF_ROLES).nullable(),
  }),
  account: z.object({ id: z.string(), number: z.string(), name: z.string() }).nullable(),
  membership: z
    .object({ role: z.enum(CUSTOMER_ROLES), caseAdmin: z.boolean(), billing: z.boolean(), downloads: z.boolean() })
    .nullable(),
  memberships: z.array(
    z.object({ accountId: z.string(), accountNumber: z.string(), accountName: z.string(), role: z.enum(CUSTOMER_ROLES) }),
  ),
  areas: z.array(z.string()),
  abilities: z.object({
    switchAccount: z.boolean(),
    viewActivity: z.boolean(),
    viewConsole: z.boolean(),
    viewStaffAccounts: z.boolean(),
    viewOutbox: z.boolean(),
  }),
  session: z.object({ expiresAt: z.string(), idleExpiresAt: z.string() }),
});

export type Me = z.infer<typeof meSchema>;

export const updateMeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    locale: localeSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.locale !== undefined, { message: 'Nothing to change' });

export const switchAccountSchema = z.strictObject({ accountId: z.string().min(1).max(100) });
