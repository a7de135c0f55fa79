import type { Actor } from '../../app/auth/actor.js';
import { permissionsForMembership, permissionsForStaff } from '../../app/auth/permissions.js';
import { recordAuditEvent } from '../../app/audit.js';
import type { Config } from '../../app/config.js';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { newId, newSecretToken, sha256Hex } from '../../app/ids.js';
import { createUsersRepository, normalizeEmail } from '../users/users.repository.js';
import { invalidCredentials, invalidMfaCode, mfaAttemptsExceeded, tooManyAttempts } from './auth.errors.js';
import { MAX_MFA_ATTEMPTS, verifySecondFactor } from './mfa.js';
import { createAuthRepository, type ResolvedSession } from './auth.repository.js';
import { verifyPassword } from './password.js';

const HOUR_MS = 3_600_000;
// A session's idle deadline is written at most once a minute, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

type SessionPolicy = Config['session'];

const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Signs a user in with email and password and opens a new session.
 * Throttled per email and per IP with failures kept in the database; unknown emails, wrong
 * passwords and disabled users get the same answer after the same work.
 */
export async function login({
  db,
  config,
  email,
  password,
  ip,
  userAgent,
}: {
  db: Db;
  config: Pick<Config, 'session' | 'login'>;
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}) {
  const normalized = normalizeEmail(email);
  const auth = createAuthRepository({ db });
  const now = nowIso();
  const failures = await auth.countLoginFailures({ email: normalized, ip, since: addMs(now, -HOUR_MS) });
  const overEmail = failures.byEmail.count >= config.login.maxFailuresPerAccount;
  const overIp = failures.byIp.count >= config.login.maxFailuresPerIp;
  if (overEmail || overIp) {
    const oldest = [overEmail ? failures.byEmail.oldest : null, overIp ? failures.byIp.oldest : null]
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1);
    const retryAfter = oldest ? Math.max(1, Math.ceil((Date.parse(oldest) + HOUR_MS - Date.now()) / 1000)) : 3600;
    throw tooManyAttempts({ headers: { 'retry-after': String(retryAfter) } });
  }

  const users = createUsersRepository({ db });
  const found = await users.findCredentialsByEmail(normalized);
  const passwordOk = await verifyPassword(found?.passwordHash ?? null, password);
  if (!found || !passwordOk || found.user.status !== 'active') {
    const memberships = found ? await users.listMembershipsOfUser(found.user.id) : [];
    await db.transaction().execute(async (trx) => {
      await createAuthRepository({ db: trx }).recordLoginFailure({ email: normalized, ip, at: now });
      await recordAuditEvent(trx, {
        accountId: memberships[0]?.accountId ?? null,
        actorUserId: found?.user.id ?? null,
        action: 'auth.login_failed',
        data: {
          email: normalized,
          reason: !found ? 'unknown_user' : !passwordOk ? 'wrong_password' : `user_${found.user.status}`,
        },
        ip,
      });
    });
    throw invalidCredentials();
  }

  const { user } = found;
  const memberships = user.kind === 'customer' ? await users.listMembershipsOfUser(user.id) : [];
  const accountId = memberships[0]?.accountId ?? null;
  // With MFA on, the password opens only a half session: the second factor completes it.
  const mfaRequired = user.mfaEnabled;
  const opened = await db.transaction().execute(async (trx) => {
    const session = await openSession(trx, { config, userId: user.id, accountId, ip, userAgent, mfaRequired, mfaPassed: false });
    if (!mfaRequired) await recordLogin(trx, { userId: user.id, accountId, sessionId: session.session.id, ip, method: 'password' });
    return session;
  });
  return { ...opened, user, mfaRequired };
}

async function openSession(
  db: Db,
  {
    config,
    userId,
    accountId,
    ip,
    userAgent,
    mfaRequired,
    mfaPassed,
  }: { config: Pick<Config, 'session'>; userId: string; accountId: string | null; ip: string; userAgent: string | null; mfaRequired: boolean; mfaPassed: boolean },
) {
  const now = nowIso();
  const token = newSecretToken();
  const session = {
    id: newId('ses'),
    userId,
    accountId,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: addMs(now, config.session.idleMinutes * 60_000),
    expiresAt: addMs(now, config.session.maxHours * HOUR_MS),
  };
  await createAuthRepository({ db }).insertSession({ ...session, tokenHash: sha256Hex(token), ip, userAgent, mfaRequired, mfaPassed });
  return { token, session };
}

async function recordLogin(
  db: Db,
  { userId, accountId, sessionId, ip, method }: { userId: string; accountId: string | null; sessionId: string; ip: string; method: string },
) {
  await createUsersRepository({ db }).updateUser(userId, { lastLoginAt: nowIso() });
  await recordAuditEvent(db, { accountId, actorUserId: userId, action: 'auth.login', targetType: 'session', targetId: sessionId, data: { method }, ip });
}

/**
 * Completes a sign-in with the second factor (TOTP or a recovery code). Success replaces the half
 * session by a new full one (new token); five wrong codes end the attempt.
 */
export async function completeMfaLogin({
  db,
  config,
  session,
  code,
  ip,
  userAgent,
}: {
  db: Db;
  config: Pick<Config, 'session'>;
  session: ResolvedSession;
  code: string;
  ip: string;
  userAgent: string | null;
}) {
  const auth = createAuthRepository({ db });
  const method = await verifySecondFactor(db, session.userId, code);
  if (!method) {
    const attempts = await auth.countMfaFailure(session.id);
    const user = await createUsersRepository({ db }).findUserById(session.userId);
    await db.transaction().execute(async (trx) => {
      if (user) await createAuthRepository({ db: trx }).recordLoginFailure({ email: user.email, ip, at: nowIso() });
      await recordAuditEvent(trx, { accountId: session.accountId, actorUserId: session.userId, action: 'auth.mfa_failed', data: { attempts }, ip });
      if (attempts >= MAX_MFA_ATTEMPTS) await createAuthRepository({ db: trx }).deleteSession(session.id);
    });
    if (attempts >= MAX_MFA_ATTEMPTS) throw mfaAttemptsExceeded();
    throw invalidMfaCode({ detail: `The code is not valid (${MAX_MFA_ATTEMPTS - attempts} attempts left)` });
  }
  return db.transaction().execute(async (trx) => {
    await createAuthRepository({ db: trx }).deleteSession(session.id);
    const opened = await openSession(trx, {
      config, userId: session.userId, accountId: session.accountId, ip, userAgent, mfaRequired: true, mfaPassed: true,
    });
    await recordLogin(trx, { userId: session.userId, accountId: session.accountId, sessionId: opened.session.id, ip, method: `password+${method}` });
    return opened;
  });
}

/** Ends a session on the server; the cookie alone can no longer authenticate. */
export async function logout({ db, actor, accountId, ip }: { db: Db; actor: Actor; accountId: string | null; ip: string }) {
  if (actor.kind === 'anonymous') return;
  await db.transaction().execute(async (trx) => {
    await createAuthRepository({ db: trx }).deleteSession(actor.sessionId);
    await recordAuditEvent(trx, {
      accountId,
      actorUserId: actor.userId,
      action: 'auth.logout',
      targetType: 'session',
      targetId: actor.sessionId,
      ip,
    });
  });
}

export type SessionResolution =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'mfa_pending'; session: ResolvedSession }
  | { state: 'valid'; actor: Exclude<Actor, { kind: 'anonymous' }>; session: ResolvedSession; mfaEnrollmentRequired: boolean };

/**
 * Resolves a session cookie's token to an Actor. Expired sessions and sessions of users who are no
 * longer active are deleted on sight; a valid one has its idle deadline pushed forward.
 */
export async function resolveSession({
  db,
  token,
  policy,
  staffMfaRequired = false,
}: {
  db: Db;
  token: string;
  policy: SessionPolicy;
  staffMfaRequired?: boolean;
}): Promise<SessionResolution> {
  const auth = createAuthRepository({ db });
  const session = await auth.findSessionByTokenHash(sha256Hex(token));
  if (!session) return { state: 'none' };
  const nowMs = Date.now();
  if (Date.parse(session.expiresAt) <= nowMs || Date.parse(session.idleExpiresAt) <= nowMs) {
    await auth.deleteSession(session.id);
    return { state: 'expired' };
  }
  if (session.user.status !== 'active') {
    await auth.deleteSession(session.id);
    return { state: 'none' };
  }
  if (session.mfaRequired && !session.mfaPassed) return { state: 'mfa_pending', session };
  if (nowMs - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const lastSeenAt = new Date(nowMs).toISOString();
    const idleExpiresAt = new Date(Math.min(nowMs + policy.idleMinutes * 60_000, Date.parse(session.expiresAt))).toISOString();
    await auth.touchSession({ id: session.id, lastSeenAt, idleExpiresAt });
    session.lastSeenAt = lastSeenAt;
    session.idleExpiresAt = idleExpiresAt;
  }
  const mfaEnrollmentRequired =
    !session.user.mfaEnabled &&
    ((session.membership !== null && session.accountRequiresMfa) || (session.user.kind === 'staff' && staffMfaRequired && !session.user.mfaExempt));
  return { state: 'valid', actor: actorFromSession(session), session, mfaEnrollmentRequired };
}

export function actorFromSession(session: ResolvedSession): Exclude<Actor, { kind: 'anonymous' }> {
  if (session.user.kind === 'staff' && session.user.staffRole) {
    return {
      kind: 'staff',
      userId: session.userId,
      sessionId: session.id,
      staffRole: session.user.staffRole,
      permissions: permissionsForStaff(session.user.staffRole),
    };
  }
  const m = session.membership;
  return {
    kind: 'customer',
    userId: session.userId,
    sessionId: session.id,
    accountId: m ? session.accountId : null,
    role: m?.role ?? null,
    caseAdmin: m?.caseAdmin ?? false,
    billing: m?.billing ?? false,
    downloads: m?.downloads ?? false,
    permissions: m ? permissionsForMembership(m) : new Set(['read:profile']),
  };
}
