import crypto from 'node:crypto';
import type { CustomerActor } from '../../app/auth/actor.js';
import { permissionsForMembership } from '../../app/auth/permissions.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, nowIso, toBool } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { newId, sha256Hex } from '../../app/ids.js';
import { prepared } from '../../app/prepared.js';
import { API_TOKEN_SCOPES, type ApiTokenScope } from './api-token-scopes.js';

export const apiTokenNotFound = createError({ code: 'api_token.not_found', status: 404, message: 'API token not found' });
export const apiTokenLimitReached = createError({ code: 'api_token.limit_reached', status: 409, message: 'You have as many active API tokens as allowed; revoke one first' });
export const invalidApiToken = createError({ code: 'auth.invalid_token', status: 401, message: 'The API token is invalid, expired or revoked' });
export const apiTokenScopeMissing = createError({ code: 'auth.token_scope', status: 403, message: "The API token's scopes do not allow this request" });

/** The secret's recognisable start (for secret scanners and for people reading logs). */
export const API_TOKEN_PREFIX = 'portico_pat_';
/** Active (unexpired, unrevoked) tokens per user and account. */
export const MAX_ACTIVE_API_TOKENS = 20;
/** A token always expires; these are the lifetimes to choose from. */
export const API_TOKEN_LIFETIMES_DAYS = [7, 30, 90, 365] as const;
/** How often the last use is written (a busy script must not write on every call). */
const TOUCH_INTERVAL_MS = 60_000;

export interface ApiTokenView {
  id: string;
  name: string;
  hint: string;
  scopes: ApiTokenScope[];
  userId: string;
  userName: string;
  userEmail: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
}

const parseScopes = (v: unknown): ApiTokenScope[] => {
  const list = (typeof v === 'string' ? JSON.parse(v) : v) as unknown;
  return Array.isArray(list) ? list.filter((s): s is ApiTokenScope => (API_TOKEN_SCOPES as readonly string[]).includes(s)) : [];
};

const tokenByHash = prepared((db, p: { tokenHash: string }) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 't.user_id').onRef('m.account_id', '=', 't.account_id').on('m.status', '=', 'active'))
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 't.account_id').on('a.status', '=', 'active'))
    .select([
      't.id', 't.user_id', 't.account_id', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.status', 'u.kind', 'u.mfa_enabled_at',
      'm.role', 'm.case_admin', 'm.billing', 'm.downloads', 'a.require_mfa', 'a.id as live_account_id',
    ])
    .where('t.token_hash', '=', p.tokenHash),
);

/**
 * The actor a Bearer token stands for, or null when it is unknown, revoked or expired, or its user
 * can no longer act in its account (deactivated, removed, the account closed, or the account
 * requires MFA the user has not set up). Rights are the user's current ones, narrowed by scopes.
 */
export async function resolveApiToken({ db, token, ip }: { db: Db; token: string; ip: string }): Promise<CustomerActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await tokenByHash.executeTakeFirst(db, { tokenHash: sha256Hex(token) });
  const now = Date.now();
  if (!row || row.revoked_at || Date.parse(row.expires_at) <= now) return null;
  if (row.status !== 'active' || row.kind !== 'customer' || !row.role || !row.live_account_id) return null;
  if (toBool(row.require_mfa) && row.mfa_enabled_at === null) return null;
  if (!row.last_used_at || now - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date(now).toISOString(), last_used_ip: ip }).where('id', '=', row.id).execute();
  }
  const grant = { role: row.role, caseAdmin: toBool(row.case_admin), billing: toBool(row.billing), downloads: toBool(row.downloads) };
  return {
    kind: 'customer',
    userId: row.user_id,
    sessionId: row.id,
    accountId: row.account_id,
    ...grant,
    permissions: permissionsForMembership(grant),
    apiTokenScopes: parseScopes(row.scopes),
  };
}

function listQuery(db: Db) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id', 't.name', 't.token_hint', 't.scopes', 't.user_id', 'u.name as user_name', 'u.email as user_email', 't.created_at', 't.expires_at',
      't.last_used_at', 't.last_used_ip', 't.revoked_at',
    ])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc');
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

const toView = (r: ListRow): ApiTokenView => ({
  id: r.id,
  name: r.name,
  hint: r.token_hint,
  scopes: parseScopes(r.scopes),
  userId: r.user_id,
  userName: r.user_name,
  userEmail: r.user_email,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  lastUsedIp: r.last_used_ip,
  revokedAt: r.revoked_at,
});

/** Tokens in an account: a user's own, or (for its admins) everyone's. Revoked and expired ones stay listed for 30 days. */
export async function listApiTokens({ db, accountId, userId }: { db: Db; accountId: string; userId: string | null }): Promise<ApiTokenView[]> {
  const recent = new Date(Date.now() - 30 * 86_400_000).toISOString();
  let q = listQuery(db)
    .where('t.account_id', '=', accountId)
    .where((eb) => eb.and([eb.or([eb('t.revoked_at', 'is', null), eb('t.revoked_at', '>', recent)]), eb('t.expires_at', '>', recent)]))
    .limit(500);
  if (userId) q = q.where('t.user_id', '=', userId);
  return (await q.execute()).map(toView);
}

/**
 * A new token for the actor in their current account. The secret is returned once, here; only its
 * hash is kept. A token never holds more than the user's role: its scopes only narrow it.
 */
export async function createApiToken({
  db,
  actor,
  input,
  ip,
}: {
  db: Db;
  actor: CustomerActor & { accountId: string };
  input: { name: string; scopes: ApiTokenScope[]; lifetimeDays: (typeof API_TOKEN_LIFETIMES_DAYS)[number] };
  ip: string;
}): Promise<{ token: ApiTokenView; secret: string }> {
  if (actor.apiTokenScopes) throw apiTokenScopeMissing();
  const secret = `${API_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const id = newId('pat');
  const now = nowIso();
  const expiresAt = new Date(Date.now() + input.lifetimeDays * 86_400_000).toISOString();
  const scopes = [...new Set(input.scopes)].sort();
  await db.transaction().execute(async (trx) => {
    const active = await trx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('account_id', '=', actor.accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_API_TOKENS) throw apiTokenLimitReached();
    await trx
      .insertInto('api_tokens')
      .values({
        id, user_id: actor.userId, account_id: actor.accountId, name: input.name, token_hash: sha256Hex(secret),
        token_hint: secret.slice(0, API_TOKEN_PREFIX.length + 4), scopes: JSON.stringify(scopes), expires_at: expiresAt,
        last_used_at: null, last_used_ip: null, revoked_at: null, revoked_by_user_id: null, created_at: now,
      })
      .execute();
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'api_token.created', targetType: 'api_token', targetId: id,
      data: { name: input.name, scopes, expiresAt }, ip,
    });
  });
  const [token] = await listQuery(db).where('t.id', '=', id).execute();
  if (!token) throw errors.internal();
  return { token: toView(token), secret };
}

/**
 * Revokes a token of the actor's account: their own, or anyone's for those who manage the
 * account's users. Another account's token, or a colleague's without that right: 404.
 */
export async function revokeApiToken({
  db,
  actor,
  tokenId,
  mayManageOthers,
  ip,
}: {
  db: Db;
  actor: CustomerActor & { accountId: string };
  tokenId: string;
  mayManageOthers: boolean;
  ip: string;
}): Promise<ApiTokenView> {
  await db.transaction().execute(async (trx) => {
    const token = await trx.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'revoked_at']).where('id', '=', tokenId).where('account_id', '=', actor.accountId).executeTakeFirst();
    if (!token || (token.user_id !== actor.userId && !mayManageOthers)) throw apiTokenNotFound();
    if (token.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: nowIso(), revoked_by_user_id: actor.userId }).where('id', '=', tokenId).execute();
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'api_token.revoked', targetType: 'api_token', targetId: tokenId,
      data: { name: token.name, ownerUserId: token.user_id }, ip,
    });
  });
  const [token] = await listQuery(db).where('t.id', '=', tokenId).execute();
  if (!token) throw apiTokenNotFound();
  return toView(token);
}
