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
    manageUsers: z.boolean(),
    manageAccountSecurity: z.boolean(),
    manageStaff: z.boolean(),
    switchAccount: z.boolean(),
    viewActivity: z.boolean(),
    viewConsole: z.boolean(),
    viewStaffAccounts: z.boolean(),
    viewOutbox: z.boolean(),
    createAccounts: z.boolean(),
    /** Staff: create products and editions (console → Product Keys). */
    manageProducts: z.boolean(),
    /** Staff: issue keys to an account, suspend, revoke, change seats and terms. */
    issueKeys: z.boolean(),
    /** Customers: open cases (Fall erstellen). */
    createCases: z.boolean(),
    /** Staff: the support console's case queues (agents and admins all, billing staff Kundendienst). */
    workCases: z.boolean(),
    /** Staff: the console's Rechnungen (billing staff and staff admins write, issue, void and settle invoices). */
    manageInvoices: z.boolean(),
    runStaffReports: z.boolean(),
    /** Customers: Kontodaten (billing and shipping address, billing contact, VAT id, PO reference). */
    manageBilling: z.boolean(),
  }),
  session: z.object({ expiresAt: z.string(), idleExpiresAt: z.string() }),
  mfa: z.object({
    enabled: z.boolean(),
    /** MFA is demanded (account or staff policy) and not set up: the UI leads to the set-up first. */
    enrollmentRequired: z.boolean(),
    demanded: z.boolean(),
  }),
  /** An email change waiting for the link sent to the new address; the sign-in address is still `user.email`. */
  pendingEmail: z.object({ email: z.string(), expiresAt: z.string() }).nullable(),
  notificationPrefs: z.object({ caseUpdates: z.boolean(), caseStatus: z.boolean(), invoiceReminders: z.boolean(), releaseNotes: z.boolean(), securityAlerts: z.boolean() }),
});

export type Me = z.infer<typeof meSchema>;

/** The kinds to change; kinds left out keep their setting (older clients send fewer). */
export const notificationPrefsSchema = z
  .strictObject({
    caseUpdates: z.boolean().optional(),
    caseStatus: z.boolean().optional(),
    invoiceReminders: z.boolean().optional(),
    releaseNotes: z.boolean().optional(),
    securityAlerts: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Name at least one kind' });

export const updateMeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    locale: localeSchema.optional(),
    notificationPrefs: notificationPrefsSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.locale !== undefined || v.notificationPrefs !== undefined, { message: 'Nothing to change' });

export const passwordField = z.string().min(1).max(4096);

export const changePasswordSchema = z.strictObject({ currentPassword: passwordField, newPassword: passwordField });
export const changeEmailSchema = z.strictObject({ newEmail: z.email().max(320), currentPassword: passwordField });
export const passwordConfirmSchema = z.strictObject({ password: passwordField });
export const mfaCodeSchema = z.strictObject({ code: z.string().trim().min(6).max(40) });

export const sessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const switchAccountSchema = z.strictObject({ accountId: z.string().min(1).max(100) });
