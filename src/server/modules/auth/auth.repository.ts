import type { Db } from '../../app/db.js';
import { prepared } from '../../app/prepared.js';
import { toBool } from '../../app/db.js';
import type { CustomerRole, StaffRole } from '../../app/auth/permissions.js';

export interface SessionRow {
  id: string;
  userId: string;
  accountId: string | null;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  expiresAt: string;
}

export interface ResolvedSession extends SessionRow {
  user: { id: string; status: string; kind: 'customer' | 'staff'; staffRole: StaffRole | null; mfaEnabled: boolean; mfaExempt: boolean };
  membership: { role: CustomerRole; caseAdmin: boolean; billing: boolean; downloads: boolean } | null;
  /** The account in use demands MFA of everyone. */
  accountRequiresMfa: boolean;
  /** Signed in with a password, the second factor still to come. */
  mfaRequired: boolean;
  mfaPassed: boolean;
  mfaAttempts: number;
}

export interface SessionListItem {
  id: string;
  accountId: string | null;
  accountName: string | null;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** Runs on every API request: built once (see app/prepared.ts). */
const sessionByTokenHash = prepared((db, p: { tokenHash: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 's.user_id').onRef('m.account_id', '=', 's.account_id').on('m.status', '=', 'active'),
    )
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'm.account_id').on('a.status', '=', 'active'))
    .select([
      's.id', 's.user_id', 's.account_id', 's.created_at', 's.last_seen_at', 's.idle_expires_at', 's.expires_at',
      's.mfa_required', 's.mfa_passed', 's.mfa_attempts', 'u.status', 'u.kind', 'u.staff_role', 'u.mfa_enabled_at',
      'u.mfa_exempt', 'm.role', 'm.case_admin', 'm.billing', 'm.downloads', 'a.require_mfa', 'a.id as live_account_id',
    ])
    .where('s.token_hash', '=', p.tokenHash),
);

export function createAuthRepository({ db }: { db: Db }) {
  return {
    async insertSession(s: SessionRow & { tokenHash: string; ip: string | null; userAgent: string | null; mfaRequired?: boolean; mfaPassed?: boolean }) {
      await db
        .insertInto('sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          user_id: s.userId,
          account_id: s.accountId,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          idle_expires_at: s.idleExpiresAt,
          expires_at: s.expiresAt,
          ip: s.ip,
          user_agent: s.userAgent,
          mfa_required: s.mfaRequired ?? false,
          mfa_passed: s.mfaPassed ?? false,
        })
        .execute();
    },

    /** The session with its user and the membership of the account in use, in one query. */
    async findSessionByTokenHash(tokenHash: string): Promise<ResolvedSession | null> {
      const row = await sessionByTokenHash.executeTakeFirst(db, { tokenHash });
      if (!row) return null;
      return {
        id: row.id,
        userId: row.user_id,
        accountId: row.account_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        idleExpiresAt: row.idle_expires_at,
        expiresAt: row.expires_at,
        user: {
          id: row.user_id,
          status: row.status,
          kind: row.kind,
          staffRole: row.staff_role,
          mfaEnabled: row.mfa_enabled_at !== null,
          mfaExempt: toBool(row.mfa_exempt),
        },
        membership:
          row.role && row.live_account_id
            ? { role: row.role, caseAdmin: toBool(row.case_admin), billing: toBool(row.billing), downloads: toBool(row.downloads) }
            : null,
        accountRequiresMfa: toBool(row.require_mfa),
        mfaRequired: toBool(row.mfa_required),
        mfaPassed: toBool(row.mfa_passed),
        mfaAttempts: Number(row.mfa_attempts),
      };
    },

    async touchSession({ id, lastSeenAt, idleExpiresAt }: { id: string; lastSeenAt: string; idleExpiresAt: string }) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
        .where('id', '=', id)
        .execute();
    },

    async setSessionAccount({ id, accountId }: { id: string; accountId: string | null }) {
      await db.updateTable('sessions').set({ account_id: accountId }).where('id', '=', id).execute();
    },

    async deleteSession(id: string) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteSessionsOfUser(userId: string, { except }: { except?: string } = {}) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (except) q = q.where('id', '<>', except);
      await q.execute();
    },

    async deleteSessionsOfUserInAccount(userId: string, accountId: string) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).where('account_id', '=', accountId).execute();
    },

    /** Ends one of the user's sessions; false when it is not theirs (or gone). */
    async deleteSessionOfUser(userId: string, sessionId: string): Promise<boolean> {
      const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async listSessionsOfUser(userId: string, now: string): Promise<SessionListItem[]> {
      const rows = await db
        .selectFrom('sessions as s')
        .leftJoin('accounts as a', 'a.id', 's.account_id')
        .select(['s.id', 's.account_id', 'a.name', 's.created_at', 's.last_seen_at', 's.ip', 's.user_agent'])
        .where('s.user_id', '=', userId)
        .where('s.expires_at', '>', now)
        .where('s.idle_expires_at', '>', now)
        .where((eb) => eb.or([eb('s.mfa_required', '=', false), eb('s.mfa_passed', '=', true)]))
        .orderBy('s.last_seen_at', 'desc')
        .limit(100)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        accountName: r.name,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        ip: r.ip,
        userAgent: r.user_agent,
      }));
    },

    /** Counts a wrong second factor; returns the attempts so far. */
    async countMfaFailure(sessionId: string): Promise<number> {
      await db.updateTable('sessions').set((eb) => ({ mfa_attempts: eb('mfa_attempts', '+', 1) })).where('id', '=', sessionId).execute();
      const row = await db.selectFrom('sessions').select('mfa_attempts').where('id', '=', sessionId).executeTakeFirst();
      return Number(row?.mfa_attempts ?? 0);
    },

    async deleteExpiredSessions(now: string) {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async recordLoginFailure({ email, ip, at }: { email: string; ip: string; at: string }) {
      await db.insertInto('login_failures').values({ email, ip, at }).execute();
    },

    /** Failures since `since` for this email and for this IP, and the oldest of each (for Retry-After). */
    async countLoginFailures({ email, ip, since }: { email: string; ip: string; since: string }) {
      const [byEmail, byIp] = await Promise.all([
        db
          .selectFrom('login_failures')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
          .where('email', '=', email)
          .where('at', '>', since)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('login_failures')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
          .where('ip', '=', ip)
          .where('at', '>', since)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        byEmail: { count: Number(byEmail.n), oldest: byEmail.oldest as string | null },
        byIp: { count: Number(byIp.n), oldest: byIp.oldest as string | null },
      };
    },

    async clearLoginFailuresOlderThan(before: string) {
      await db.deleteFrom('login_failures').where('at', '<', before).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
