import { sql } from 'kysely';
import type { CustomerRole } from '../../app/auth/permissions.js';
import type { Db } from '../../app/db.js';
import { nowIso, toBool } from '../../app/db.js';
import { decodeCursor, encodeCursor } from '../../app/pagination.js';

export type AccountUserStatus = 'invited' | 'active' | 'disabled';

export interface AccountUser {
  userId: string;
  membershipId: string;
  email: string;
  name: string;
  role: CustomerRole;
  caseAdmin: boolean;
  billing: boolean;
  downloads: boolean;
  keyGroups: { id: string; name: string }[];
  status: AccountUserStatus;
  membershipStatus: 'active' | 'disabled';
  userStatus: 'invited' | 'active' | 'disabled';
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

export interface AccountUsersFilter {
  q?: string;
  role?: CustomerRole;
  status?: AccountUserStatus;
}

const statusOf = (membership: 'active' | 'disabled', user: 'invited' | 'active' | 'disabled'): AccountUserStatus =>
  membership === 'disabled' || user === 'disabled' ? 'disabled' : user === 'invited' ? 'invited' : 'active';

/** The users of one account (memberships with their people). Every query is scoped by accountId. */
export function createAccountUsersRepository({ db }: { db: Db }) {
  const base = (accountId: string) =>
    db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'm.id as membership_id', 'm.role', 'm.case_admin', 'm.billing', 'm.downloads', 'm.status as membership_status',
        'm.version', 'm.created_at', 'u.id as user_id', 'u.email', 'u.name', 'u.status as user_status', 'u.mfa_enabled_at',
        'u.last_login_at', sql<string>`lower(u.name)`.as('sort_name'),
      ])
      .where('m.account_id', '=', accountId);

  async function keyGroupsOf(membershipIds: string[]) {
    if (membershipIds.length === 0) return new Map<string, { id: string; name: string }[]>();
    const rows = await db
      .selectFrom('membership_key_groups as mk')
      .innerJoin('key_groups as g', 'g.id', 'mk.key_group_id')
      .select(['mk.membership_id', 'g.id', 'g.name'])
      .where('mk.membership_id', 'in', membershipIds)
      .orderBy('g.name')
      .execute();
    const byMembership = new Map<string, { id: string; name: string }[]>();
    for (const r of rows) byMembership.set(r.membership_id, [...(byMembership.get(r.membership_id) ?? []), { id: r.id, name: r.name }]);
    return byMembership;
  }

  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toAccountUser = (r: Row, groups: Map<string, { id: string; name: string }[]>): AccountUser => ({
    userId: r.user_id,
    membershipId: r.membership_id,
    email: r.email,
    name: r.name,
    role: r.role,
    caseAdmin: toBool(r.case_admin),
    billing: toBool(r.billing),
    downloads: toBool(r.downloads),
    keyGroups: groups.get(r.membership_id) ?? [],
    status: statusOf(r.membership_status, r.user_status),
    membershipStatus: r.membership_status,
    userStatus: r.user_status,
    mfaEnabled: r.mfa_enabled_at !== null,
    lastLoginAt: r.last_login_at,
    version: Number(r.version),
    createdAt: r.created_at,
  });

  return {
    /** Sorted by name, keyset-paginated; search matches name or email. */
    async list({ accountId, filter, limit, cursor }: { accountId: string; filter: AccountUsersFilter; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let q = base(accountId).orderBy(sql`lower(u.name)`).orderBy('u.id').limit(limit + 1);
      if (filter.q) {
        const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([sql<boolean>`lower(u.name) like ${like} escape '\\'`, sql<boolean>`u.email like ${like} escape '\\'`]));
      }
      if (filter.role) q = q.where('m.role', '=', filter.role);
      if (filter.status === 'disabled') q = q.where((eb) => eb.or([eb('m.status', '=', 'disabled'), eb('u.status', '=', 'disabled')]));
      if (filter.status === 'invited') q = q.where('m.status', '=', 'active').where('u.status', '=', 'invited');
      if (filter.status === 'active') q = q.where('m.status', '=', 'active').where('u.status', '=', 'active');
      if (after) {
        q = q.where((eb) =>
          eb.or([sql<boolean>`lower(u.name) > ${after.at}`, eb.and([sql<boolean>`lower(u.name) = ${after.at}`, eb('u.id', '>', after.id)])]),
        );
      }
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const groups = await keyGroupsOf(page.map((r) => r.membership_id));
      const last = page[page.length - 1];
      return {
        items: page.map((r) => toAccountUser(r, groups)),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sort_name, id: last.user_id }) : null,
      };
    },

    async find({ accountId, userId }: { accountId: string; userId: string }): Promise<AccountUser | null> {
      const row = await base(accountId).where('u.id', '=', userId).executeTakeFirst();
      if (!row) return null;
      return toAccountUser(row, await keyGroupsOf([row.membership_id]));
    },

    /** Active admins of the account whose login works: the ones who can still manage it. */
    async countActiveAdmins(accountId: string): Promise<number> {
      const row = await db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('m.account_id', '=', accountId)
        .where('m.role', '=', 'admin')
        .where('m.status', '=', 'active')
        .where('u.status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Changes a membership only if nobody changed it since `expectedVersion` (If-Match).
     * Returns false on a lost update.
     */
    async updateMembership(
      membershipId: string,
      expectedVersion: number,
      patch: { role?: CustomerRole; caseAdmin?: boolean; billing?: boolean; downloads?: boolean; status?: 'active' | 'disabled' },
    ): Promise<boolean> {
      const result = await db
        .updateTable('memberships')
        .set((eb) => ({
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.caseAdmin !== undefined ? { case_admin: patch.caseAdmin } : {}),
          ...(patch.billing !== undefined ? { billing: patch.billing } : {}),
          ...(patch.downloads !== undefined ? { downloads: patch.downloads } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          version: eb('version', '+', 1),
          updated_at: nowIso(),
        }))
        .where('id', '=', membershipId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setKeyGroups(membershipId: string, keyGroupIds: string[]) {
      await db.deleteFrom('membership_key_groups').where('membership_id', '=', membershipId).execute();
      if (keyGroupIds.length) {
        await db
          .insertInto('membership_key_groups')
          .values(keyGroupIds.map((key_group_id) => ({ membership_id: membershipId, key_group_id })))
          .execute();
      }
    },

    async deleteMembership(membershipId: string) {
      await db.deleteFrom('memberships').where('id', '=', membershipId).execute();
    },

    /** The key groups of the account among `ids`; ids of other accounts are simply not found. */
    async findKeyGroups(accountId: string, ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('key_groups').select(['id', 'name']).where('account_id', '=', accountId).where('id', 'in', ids).execute();
    },

    async listKeyGroups(accountId: string) {
      return db.selectFrom('key_groups').select(['id', 'name']).where('account_id', '=', accountId).orderBy('name').execute();
    },
  };
}

export type AccountUsersRepository = ReturnType<typeof createAccountUsersRepository>;
