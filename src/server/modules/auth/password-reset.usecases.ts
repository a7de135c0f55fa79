import { recordAuditEvent } from '../../app/audit.js';
import { createError } from '../../app/errors.js';
import { queueMail } from '../../app/mail.js';
import { mailTemplates } from '../../app/mail-templates.js';
import { hitRateLimit } from '../../app/rate-limit.js';
import type { AppDeps } from '../../app/types.js';
import { ensureAcceptablePassword } from '../users/passwords.js';
import { createTokensRepository } from '../users/tokens.repository.js';
import { createUsersRepository, normalizeEmail } from '../users/users.repository.js';
import { createAuthRepository } from './auth.repository.js';
import { hashPassword } from './password.js';

export const RESET_TTL_MS = 3_600_000;

export const tokenNotFound = createError({ code: 'token.not_found', status: 404, message: 'This link is not valid' });
export const tokenExpired = createError({ code: 'token.expired', status: 410, message: 'This link has expired; request a new one' });
export const tokenUsed = createError({ code: 'token.used', status: 410, message: 'This link has already been used' });

/**
 * Sends a reset link if the address belongs to an active login. The caller answers the same either
 * way; the limits (per address and per IP) hold across processes.
 */
export async function requestPasswordReset({ deps, email, ip }: { deps: AppDeps; email: string; ip: string }) {
  const { db, config, mailer } = deps;
  const normalized = normalizeEmail(email);
  await hitRateLimit(db, { bucket: `reset-ip:${ip}`, max: 20, windowMs: 3_600_000 });
  await hitRateLimit(db, { bucket: `reset-email:${normalized}`, max: 3, windowMs: 3_600_000 });
  const found = await createUsersRepository({ db }).findCredentialsByEmail(normalized);
  if (found?.user.status !== 'active') return;
  const { user } = found;
  await db.transaction().execute(async (trx) => {
    const tokens = createTokensRepository({ db: trx });
    await tokens.revokeOpen({ userId: user.id, kind: 'password_reset' });
    const { token, expiresAt } = await tokens.issue({ userId: user.id, kind: 'password_reset', ttlMs: RESET_TTL_MS });
    // Links are built from PUBLIC_URL only, never from the request's Host header.
    const mail = mailTemplates.passwordReset(user.locale ?? 'de', { to: user.email, name: user.name, url: `${config.publicUrl}/password-reset/${token}`, expiresAt });
    await queueMail(trx, { mail, deliver: mailer.delivers });
    await recordAuditEvent(trx, { accountId: null, actorUserId: user.id, action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id, ip });
  });
}

/**
 * Sets a new password with a reset link. Ends every session of the user; does not sign in, so the
 * next sign-in still asks for the second factor.
 */
export async function resetPassword({ deps, token, password, ip }: { deps: AppDeps; token: string; password: string; ip: string }) {
  const { db, mailer } = deps;
  const tokens = createTokensRepository({ db });
  const found = await tokens.findByToken('password_reset', token);
  if (!found) throw tokenNotFound();
  if (found.usedAt) throw tokenUsed();
  if (Date.parse(found.expiresAt) <= Date.now()) throw tokenExpired();
  const users = createUsersRepository({ db });
  const user = await users.findUserById(found.userId);
  if (user?.status !== 'active') throw tokenNotFound();
  ensureAcceptablePassword(password, { email: user.email, name: user.name });
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (!(await createTokensRepository({ db: trx }).consume(found.id))) throw tokenUsed();
    await createUsersRepository({ db: trx }).updateUser(user.id, { passwordHash });
    await createAuthRepository({ db: trx }).deleteSessionsOfUser(user.id);
    const mail = mailTemplates.passwordChanged(user.locale ?? 'de', { to: user.email, name: user.name, at: new Date().toISOString() });
    await queueMail(trx, { mail, deliver: mailer.delivers });
    const memberships = await createUsersRepository({ db: trx }).listMembershipsOfUser(user.id);
    await recordAuditEvent(trx, { accountId: memberships[0]?.accountId ?? null, actorUserId: user.id, action: 'auth.password_reset', targetType: 'user', targetId: user.id, ip });
  });
}
