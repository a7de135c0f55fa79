import type { AuthenticatedActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { isUniqueViolation, nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { queueMail } from '../../app/mail.js';
import { mailTemplates } from '../../app/mail-templates.js';
import { hitRateLimit } from '../../app/rate-limit.js';
import type { AppDeps } from '../../app/types.js';
import { createAuthRepository } from '../auth/auth.repository.js';
import { createMfaRepository, newTotpEnrollment, checkTotp } from '../auth/mfa.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { tokenExpired, tokenNotFound, tokenUsed } from '../auth/password-reset.usecases.js';
import { ensureAcceptablePassword } from './passwords.js';
import { createTokensRepository } from './tokens.repository.js';
import { createUsersRepository, normalizeEmail } from './users.repository.js';

export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

const emailInUse = createError({ code: 'user.email_taken', status: 409, message: 'This email address is already in use' });
const sessionNotFound = createError({ code: 'session.not_found', status: 404, message: 'Session not found' });
const mfaNotStarted = createError({ code: 'mfa.not_started', status: 409, message: 'Start the set-up first' });
const mfaAlreadyEnabled = createError({ code: 'mfa.already_enabled', status: 409, message: 'Two-factor authentication is already on' });
const mfaNotEnabled = createError({ code: 'mfa.not_enabled', status: 409, message: 'Two-factor authentication is off' });
const mfaRequiredByPolicy = createError({ code: 'mfa.required_by_policy', status: 409, message: 'Your account requires two-factor authentication' });

const accountOf = (actor: AuthenticatedActor) => (actor.kind === 'customer' ? actor.accountId : null);

const wrongPassword = (field = 'body.currentPassword') =>
  errors.validation({ errors: [{ path: field, code: 'wrong_password', message: 'The current password is not correct' }] });

async function ensureCurrentPassword(deps: AppDeps, userId: string, password: string, field?: string) {
  await hitRateLimit(deps.db, { bucket: `reauth:${userId}`, max: 10, windowMs: 15 * 60_000 });
  const hash = await createUsersRepository({ db: deps.db }).findPasswordHash(userId);
  if (!(await verifyPassword(hash, password))) throw wrongPassword(field);
}

/** Changes the password (the current one is needed); every other session of the user ends. */
export async function changePassword({ deps, actor, currentPassword, newPassword, ip }: { deps: AppDeps; actor: AuthenticatedActor; currentPassword: string; newPassword: string; ip: string }) {
  await ensureCurrentPassword(deps, actor.userId, currentPassword);
  const user = (await createUsersRepository({ db: deps.db }).findUserById(actor.userId))!;
  ensureAcceptablePassword(newPassword, { email: user.email, name: user.name }, 'body.newPassword');
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await createUsersRepository({ db: trx }).updateUser(actor.userId, { passwordHash });
    await createAuthRepository({ db: trx }).deleteSessionsOfUser(actor.userId, { except: actor.sessionId });
    await queueMail(trx, { mail: mailTemplates.passwordChanged(user.locale ?? 'de', { to: user.email, name: user.name, at: nowIso() }), deliver: deps.mailer.delivers });
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'user.password_changed', targetType: 'user', targetId: actor.userId, ip });
  });
}

/** Starts an email change: a link to the new address confirms it; the old address is told. */
export async function requestEmailChange({ deps, actor, newEmail, currentPassword, ip }: { deps: AppDeps; actor: AuthenticatedActor; newEmail: string; currentPassword: string; ip: string }) {
  await ensureCurrentPassword(deps, actor.userId, currentPassword);
  const email = normalizeEmail(newEmail);
  const users = createUsersRepository({ db: deps.db });
  const user = (await users.findUserById(actor.userId))!;
  if (email === user.email) throw errors.validation({ errors: [{ path: 'body.newEmail', code: 'same_email', message: 'This is your current address' }] });
  if (await users.findCredentialsByEmail(email)) throw emailInUse();
  await deps.db.transaction().execute(async (trx) => {
    const tokens = createTokensRepository({ db: trx });
    await tokens.revokeOpen({ userId: user.id, kind: 'email_change' });
    const { token, expiresAt } = await tokens.issue({ userId: user.id, kind: 'email_change', ttlMs: EMAIL_CHANGE_TTL_MS, newEmail: email });
    const locale = user.locale ?? 'de';
    await queueMail(trx, { mail: mailTemplates.emailChangeConfirm(locale, { to: email, name: user.name, url: `${deps.config.publicUrl}/confirm-email/${token}`, expiresAt }), deliver: deps.mailer.delivers });
    await queueMail(trx, { mail: mailTemplates.emailChangeNotice(locale, { to: user.email, name: user.name, newEmail: email }), deliver: deps.mailer.delivers });
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'user.email_change_requested', targetType: 'user', targetId: user.id, data: { newEmail: email }, ip });
  });
}

/** Confirms an email change from the link sent to the new address. */
export async function confirmEmailChange({ deps, token, ip }: { deps: AppDeps; token: string; ip: string }) {
  const tokens = createTokensRepository({ db: deps.db });
  const found = await tokens.findByToken('email_change', token);
  if (!found?.newEmail) throw tokenNotFound();
  if (found.usedAt) throw tokenUsed();
  if (Date.parse(found.expiresAt) <= Date.now()) throw tokenExpired();
  const newEmail = found.newEmail;
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await createTokensRepository({ db: trx }).consume(found.id))) throw tokenUsed();
      const users = createUsersRepository({ db: trx });
      const before = await users.findUserById(found.userId);
      await users.updateUser(found.userId, { email: newEmail });
      const memberships = await users.listMembershipsOfUser(found.userId);
      await recordAuditEvent(trx, {
        accountId: memberships[0]?.accountId ?? null, actorUserId: found.userId, action: 'user.email_changed', targetType: 'user', targetId: found.userId,
        data: { from: before?.email, to: newEmail }, ip,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailInUse();
    throw err;
  }
  return { email: newEmail };
}

export async function listSessions({ deps, actor }: { deps: AppDeps; actor: AuthenticatedActor }) {
  const sessions = await createAuthRepository({ db: deps.db }).listSessionsOfUser(actor.userId, nowIso());
  return { sessions: sessions.map((s) => ({ ...s, current: s.id === actor.sessionId })) };
}

/** Ends one of the user's own sessions (another user's reads as not found). */
export async function endSession({ deps, actor, sessionId, ip }: { deps: AppDeps; actor: AuthenticatedActor; sessionId: string; ip: string }) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await createAuthRepository({ db: trx }).deleteSessionOfUser(actor.userId, sessionId))) throw sessionNotFound();
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'session.ended', targetType: 'session', targetId: sessionId, ip });
  });
}

export async function endOtherSessions({ deps, actor, ip }: { deps: AppDeps; actor: AuthenticatedActor; ip: string }) {
  await deps.db.transaction().execute(async (trx) => {
    await createAuthRepository({ db: trx }).deleteSessionsOfUser(actor.userId, { except: actor.sessionId });
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'session.ended_others', ip });
  });
}

/** MFA state for the profile page. */
export async function getMfaStatus({ deps, actor }: { deps: AppDeps; actor: AuthenticatedActor }) {
  const mfa = createMfaRepository({ db: deps.db });
  const state = await mfa.findState(actor.userId);
  return {
    enabled: !!state?.enabledAt,
    enabledAt: state?.enabledAt ?? null,
    recoveryCodesLeft: state?.enabledAt ? await mfa.countUnusedRecoveryCodes(actor.userId) : 0,
  };
}

/** Step 1 of TOTP set-up: a new secret and its QR code, kept pending until a code confirms it. */
export async function startTotpEnrollment({ deps, actor }: { deps: AppDeps; actor: AuthenticatedActor }) {
  const mfa = createMfaRepository({ db: deps.db });
  if ((await mfa.findState(actor.userId))?.enabledAt) throw mfaAlreadyEnabled();
  const user = (await createUsersRepository({ db: deps.db }).findUserById(actor.userId))!;
  const enrollment = await newTotpEnrollment({ email: user.email });
  await mfa.setPendingSecret(actor.userId, enrollment.secret);
  return enrollment;
}

/** Step 2: a valid code turns MFA on and yields ten recovery codes, shown this once. */
export async function confirmTotpEnrollment({ deps, actor, code, ip }: { deps: AppDeps; actor: AuthenticatedActor; code: string; ip: string }) {
  const mfa = createMfaRepository({ db: deps.db });
  const state = await mfa.findState(actor.userId);
  if (state?.enabledAt) throw mfaAlreadyEnabled();
  if (!state?.pendingSecret) throw mfaNotStarted();
  const step = await checkTotp(state.pendingSecret, code.trim(), null);
  if (step === null) throw errors.validation({ errors: [{ path: 'body.code', code: 'invalid_code', message: 'The code is not valid' }] });
  return deps.db.transaction().execute(async (trx) => {
    const repo = createMfaRepository({ db: trx });
    await repo.enable(actor.userId, state.pendingSecret!, step);
    const recoveryCodes = await repo.replaceRecoveryCodes(actor.userId);
    // The session that just proved the factor counts as having passed it; other sessions end.
    await trx.updateTable('sessions').set({ mfa_required: true, mfa_passed: true }).where('id', '=', actor.sessionId).execute();
    await createAuthRepository({ db: trx }).deleteSessionsOfUser(actor.userId, { except: actor.sessionId });
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'user.mfa_enabled', targetType: 'user', targetId: actor.userId, ip });
    return { recoveryCodes };
  });
}

export async function regenerateRecoveryCodes({ deps, actor, password, ip }: { deps: AppDeps; actor: AuthenticatedActor; password: string; ip: string }) {
  await ensureCurrentPassword(deps, actor.userId, password, 'body.password');
  if (!(await createMfaRepository({ db: deps.db }).findState(actor.userId))?.enabledAt) throw mfaNotEnabled();
  return deps.db.transaction().execute(async (trx) => {
    const recoveryCodes = await createMfaRepository({ db: trx }).replaceRecoveryCodes(actor.userId);
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'user.mfa_recovery_codes_renewed', targetType: 'user', targetId: actor.userId, ip });
    return { recoveryCodes };
  });
}

/** Turns MFA off (password needed) unless the account or the staff policy demands it. */
export async function disableMfa({ deps, actor, password, mfaDemanded, ip }: { deps: AppDeps; actor: AuthenticatedActor; password: string; mfaDemanded: boolean; ip: string }) {
  await ensureCurrentPassword(deps, actor.userId, password, 'body.password');
  if (!(await createMfaRepository({ db: deps.db }).findState(actor.userId))?.enabledAt) throw mfaNotEnabled();
  if (mfaDemanded) throw mfaRequiredByPolicy();
  await deps.db.transaction().execute(async (trx) => {
    await createMfaRepository({ db: trx }).disable(actor.userId);
    await recordAuditEvent(trx, { accountId: accountOf(actor), actorUserId: actor.userId, action: 'user.mfa_disabled', targetType: 'user', targetId: actor.userId, ip });
  });
}
