import type { Selectable } from 'kysely';
import type { Db } from '../../app/db.js';
import { nowIso, parseJson, toBool } from '../../app/db.js';
import { newId } from '../../app/ids.js';
import type { CustomerRole, StaffRole } from '../../app/auth/permissions.js';
import type { UsersTable } from '../../db/schema.js';

export interface User {
  id: string;
  email: string;
  name: string;
  locale: 'de' | 'en' | null;
  status: 'invited' | 'active' | 'disabled';
  kind: 'customer' | 'staff';
  staffRole: StaffRole | null;
  lastLoginAt: string | null;
  mfaEnabled: boolean;
  mfaExempt: boolean;
  notificationPrefs: NotificationPrefs;
  createdAt: string;
  updatedAt: string;
}

/** caseUpdates: replies and comments on one's cases (staff: customer comments, assignments); caseStatus: a case solved, reopened or waiting for one. */
export const NOTIFICATION_KINDS = ['caseUpdates', 'caseStatus', 'invoiceReminders', 'releaseNotes', 'securityAlerts'] as const;
export type NotificationPrefs = Record<(typeof NOTIFICATION_KINDS)[number], boolean>;
const DEFAULT_PREFS: NotificationPrefs = { caseUpdates: true, caseStatus: true, invoiceReminders: true, releaseNotes: false, securityAlerts: true };

export function parsePrefs(raw: string | null | undefined): NotificationPrefs {
  const stored = parseJson(raw) as Partial<NotificationPrefs>;
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, typeof stored[k] === 'boolean' ? stored[k] : DEFAULT_PREFS[k]])) as NotificationPrefs;
}

export interface MembershipWithAccount {
  id: string;
  accountId: string;
  accountNumber: string;
  accountName: string;
  role: CustomerRole;
  caseAdmin: boolean;
  billing: boolean;
  downloads: boolean;
}

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  locale: r.locale,
  status: r.status,
  kind: r.kind,
  staffRole: r.staff_role,
  lastLoginAt: r.last_login_at,
  mfaEnabled: r.mfa_enabled_at !== null,
  mfaExempt: toBool(r.mfa_exempt),
  notificationPrefs: parsePrefs(r.notification_prefs),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Emails are the username: compared trimmed and lower-cased everywhere. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function createUsersRepository({ db }: { db: Db }) {
  return {
    async findUserById(id: string): Promise<User | null> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    /** The user and their password hash, for sign-in only. */
    async findCredentialsByEmail(email: string): Promise<{ user: User; passwordHash: string | null } | null> {
      const row = await db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },

    async insertUser(input: {
      email: string;
      name: string;
      passwordHash: string | null;
      kind: 'customer' | 'staff';
      staffRole?: StaffRole | null;
      status?: User['status'];
      locale?: 'de' | 'en' | null;
      mfaExempt?: boolean;
    }): Promise<User> {
      const now = nowIso();
      const row = {
        id: newId('usr'),
        email: normalizeEmail(input.email),
        name: input.name,
        locale: input.locale ?? null,
        password_hash: input.passwordHash,
        status: input.status ?? 'active',
        kind: input.kind,
        staff_role: input.kind === 'staff' ? (input.staffRole ?? 'agent') : null,
        last_login_at: null,
        mfa_secret: null,
        mfa_pending_secret: null,
        mfa_enabled_at: null,
        mfa_last_step: null,
        mfa_exempt: input.mfaExempt ?? false,
        notification_prefs: '{}',
        password_changed_at: null,
        case_view: null,
        created_at: now,
        updated_at: now,
      } as const;
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },

    async updateUser(
      id: string,
      patch: {
        name?: string;
        locale?: 'de' | 'en' | null;
        lastLoginAt?: string;
        email?: string;
        passwordHash?: string;
        status?: User['status'];
        notificationPrefs?: NotificationPrefs;
      },
    ) {
      const now = nowIso();
      await db
        .updateTable('users')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
          ...(patch.lastLoginAt !== undefined ? { last_login_at: patch.lastLoginAt } : {}),
          ...(patch.email !== undefined ? { email: normalizeEmail(patch.email) } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash, password_changed_at: now } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.notificationPrefs !== undefined ? { notification_prefs: JSON.stringify(patch.notificationPrefs) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async findPasswordHash(id: string): Promise<string | null> {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
      return row?.password_hash ?? null;
    },

    async setUserStatus(id: string, status: User['status']) {
      await db.updateTable('users').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    },

    async insertMembership(input: {
      accountId: string;
      userId: string;
      role: CustomerRole;
      caseAdmin?: boolean;
      billing?: boolean;
      downloads?: boolean;
      invitedByUserId?: string | null;
    }) {
      const now = nowIso();
      const id = newId('mem');
      await db
        .insertInto('memberships')
        .values({
          id,
          account_id: input.accountId,
          user_id: input.userId,
          role: input.role,
          case_admin: input.caseAdmin ?? false,
          billing: input.billing ?? false,
          downloads: input.downloads ?? false,
          status: 'active',
          version: 1,
          invited_by_user_id: input.invitedByUserId ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id };
    },

    /** The user's memberships with their accounts, oldest first (the first is the default account). */
    async listMembershipsOfUser(userId: string): Promise<MembershipWithAccount[]> {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('accounts as a', 'a.id', 'm.account_id')
        .select([
          'm.id', 'm.account_id', 'a.number', 'a.name', 'm.role', 'm.case_admin', 'm.billing', 'm.downloads',
        ])
        .where('m.user_id', '=', userId)
        .where('m.status', '=', 'active')
        .where('a.status', '=', 'active')
        .orderBy('m.created_at')
        .orderBy('a.number')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        accountNumber: r.number,
        accountName: r.name,
        role: r.role,
        caseAdmin: toBool(r.case_admin),
        billing: toBool(r.billing),
        downloads: toBool(r.downloads),
      }));
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
