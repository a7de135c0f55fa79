import type { CustomerRole } from '../../app/auth/permissions.js';
import type { CustomerActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, inTransaction, isUniqueViolation, lockAccountRow } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { preconditionFailed } from '../../app/etag.js';
import { queueMail } from '../../app/mail.js';
import { type Locale, mailTemplates } from '../../app/mail-templates.js';
import { hitRateLimit } from '../../app/rate-limit.js';
import type { AppDeps } from '../../app/types.js';
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { createAuthRepository } from '../auth/auth.repository.js';
import { createAccountUsersRepository } from './account-users.repository.js';
import { createTokensRepository } from './tokens.repository.js';
import { createUsersRepository, normalizeEmail } from './users.repository.js';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export const accountUserNotFound = createError({ code: 'user.not_found', status: 404, message: 'User not found' });
const alreadyMember = createError({ code: 'user.already_member', status: 409, message: 'This person already belongs to the account' });
const emailTaken = createError({ code: 'user.email_taken', status: 409, message: 'This email address belongs to a staff login and cannot be invited' });
const lastAdmin = createError({ code: 'membership.last_admin', status: 409, message: 'The account needs at least one active administrator: make someone else administrator first' });
const notInvited = createError({ code: 'user.not_invited', status: 409, message: 'This user has already accepted the invitation' });

type InviteActor = { userId: string; accountId: string } & Partial<Pick<CustomerActor, 'kind'>>;

export interface MembershipInput {
  role: CustomerRole;
  caseAdmin?: boolean;
  billing?: boolean;
  downloads?: boolean;
  keyGroupIds?: string[];
}

async function checkKeyGroups(db: Db, accountId: string, role: CustomerRole, keyGroupIds: string[] | undefined) {
  const ids = [...new Set(keyGroupIds ?? [])];
  if (ids.length && role !== 'key_manager') {
    throw errors.validation({ errors: [{ path: 'body.keyGroupIds', code: 'key_groups_need_key_manager', message: 'Only key managers are given key groups' }] });
  }
  const found = await createAccountUsersRepository({ db }).findKeyGroups(accountId, ids);
  if (found.length !== ids.length) {
    throw errors.validation({ errors: [{ path: 'body.keyGroupIds', code: 'unknown_key_group', message: 'Unknown key group' }] });
  }
  return ids;
}

const localeOf = (user: { locale: Locale | null }, fallback: string): Locale => user.locale ?? (fallback === 'en' ? 'en' : 'de');

/**
 * Invites a person to the account. Someone without a login gets one (status invited) and a
 * single-use link; someone who already has a login gets a membership and a notice, never a second
 * login. Audited; the mail leaves through the outbox in the same transaction.
 */
export async function inviteAccountUser({
  deps,
  actor,
  input,
  ip,
}: {
  deps: AppDeps;
  actor: InviteActor;
  input: MembershipInput & { email: string; name: string; locale?: Locale };
  ip: string | null;
}) {
  const { db, config, mailer } = deps;
  const email = normalizeEmail(input.email);
  const keyGroupIds = await checkKeyGroups(db, actor.accountId, input.role, input.keyGroupIds);
  try {
    return await inTransaction(db, async (trx) => {
      const users = createUsersRepository({ db: trx });
      const account = await createAccountsRepository({ db: trx }).findAccountById(actor.accountId);
      if (!account) throw accountUserNotFound();
      const inviter = await users.findUserById(actor.userId);
      const existing = await users.findCredentialsByEmail(email);
      if (existing?.user.kind === 'staff') throw emailTaken();
      const user =
        existing?.user ??
        (await users.insertUser({ email, name: input.name, passwordHash: null, kind: 'customer', status: 'invited', locale: input.locale ?? null }));
      const { id: membershipId } = await users.insertMembership({
        accountId: account.id,
        userId: user.id,
        role: input.role,
        caseAdmin: input.caseAdmin,
        billing: input.billing,
        downloads: input.downloads,
        invitedByUserId: actor.userId,
      });
      await createAccountUsersRepository({ db: trx }).setKeyGroups(membershipId, keyGroupIds);
      const locale = localeOf(user, input.locale ?? account.locale);
      if (user.status === 'invited') {
        const { token, expiresAt } = await createTokensRepository({ db: trx }).issue({
          userId: user.id, kind: 'invitation', ttlMs: INVITATION_TTL_MS, accountId: account.id, createdByUserId: actor.userId,
        });
        const mail = mailTemplates.invitation(locale, {
          to: user.email, name: user.name, accountName: account.name, inviterName: inviter?.name ?? null,
          url: `${config.publicUrl}/invitation/${token}`, expiresAt,
        });
        await queueMail(trx, { mail, accountId: account.id, deliver: mailer.delivers });
      } else {
        const mail = mailTemplates.addedToAccount(locale, { to: user.email, name: user.name, accountName: account.name, inviterName: inviter?.name ?? null, url: config.publicUrl });
        await queueMail(trx, { mail, accountId: account.id, deliver: mailer.delivers });
      }
      await recordAuditEvent(trx, {
        accountId: account.id,
        actorUserId: actor.userId,
        action: existing ? 'user.added' : 'user.invited',
        targetType: 'user',
        targetId: user.id,
        data: { email, role: input.role, caseAdmin: !!input.caseAdmin, billing: !!input.billing, downloads: !!input.downloads, keyGroupIds },
        ip,
      });
      const created = await createAccountUsersRepository({ db: trx }).find({ accountId: account.id, userId: user.id });
      if (!created) throw new Error('membership vanished inside its own transaction');
      return { user: created };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyMember();
    throw err;
  }
}

/**
 * Changes a user's role, flags, key groups or status in the account, if nobody else changed them
 * since the version the admin saw. The account keeps at least one active admin.
 */
export async function updateAccountUser({
  deps,
  actor,
  userId,
  expectedVersion,
  patch,
  ip,
}: {
  deps: AppDeps;
  actor: { userId: string; accountId: string };
  userId: string;
  expectedVersion: number;
  patch: Partial<MembershipInput> & { status?: 'active' | 'disabled' };
  ip: string | null;
}) {
  const { db, dialect } = deps;
  return db.transaction().execute(async (trx) => {
    await lockAccountRow(trx, dialect, actor.accountId);
    const repo = createAccountUsersRepository({ db: trx });
    const current = await repo.find({ accountId: actor.accountId, userId });
    if (!current) throw accountUserNotFound();
    if (current.version !== expectedVersion) throw preconditionFailed();
    const role = patch.role ?? current.role;
    const keyGroupIds =
      patch.keyGroupIds !== undefined ? await checkKeyGroups(trx, actor.accountId, role, patch.keyGroupIds) : role === 'key_manager' ? undefined : [];

    const losesAdmin = current.role === 'admin' && current.status === 'active' && (role !== 'admin' || patch.status === 'disabled');
    if (losesAdmin && (await repo.countActiveAdmins(actor.accountId)) <= 1) throw lastAdmin();

    const changed = await repo.updateMembership(current.membershipId, expectedVersion, {
      role: patch.role, caseAdmin: patch.caseAdmin, billing: patch.billing, downloads: patch.downloads, status: patch.status,
    });
    if (!changed) throw preconditionFailed();
    if (keyGroupIds !== undefined) await repo.setKeyGroups(current.membershipId, keyGroupIds);

    const deactivated = patch.status === 'disabled' && current.membershipStatus === 'active';
    const reactivated = patch.status === 'active' && current.membershipStatus === 'disabled';
    if (deactivated) {
      await createAuthRepository({ db: trx }).deleteSessionsOfUserInAccount(userId, actor.accountId);
      await createTokensRepository({ db: trx }).revokeOpen({ userId, kind: 'invitation', accountId: actor.accountId });
    }
    const { status: _status, ...fields } = patch;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length) {
      await recordAuditEvent(trx, {
        accountId: actor.accountId, actorUserId: actor.userId, action: 'user.permissions_changed', targetType: 'user', targetId: userId,
        data: { before: { role: current.role, caseAdmin: current.caseAdmin, billing: current.billing, downloads: current.downloads, keyGroupIds: current.keyGroups.map((g) => g.id) }, after: changes },
        ip,
      });
    }
    if (deactivated || reactivated) {
      await recordAuditEvent(trx, {
        accountId: actor.accountId, actorUserId: actor.userId, action: deactivated ? 'user.deactivated' : 'user.reactivated', targetType: 'user', targetId: userId, ip,
      });
    }
    const updated = await repo.find({ accountId: actor.accountId, userId });
    return { user: updated! };
  });
}

/** Removes the person from the account (their login stays for other accounts); ends their sessions there. */
export async function removeAccountUser({ deps, actor, userId, ip }: { deps: AppDeps; actor: { userId: string; accountId: string }; userId: string; ip: string | null }) {
  const { db, dialect } = deps;
  await db.transaction().execute(async (trx) => {
    await lockAccountRow(trx, dialect, actor.accountId);
    const repo = createAccountUsersRepository({ db: trx });
    const current = await repo.find({ accountId: actor.accountId, userId });
    if (!current) throw accountUserNotFound();
    if (current.role === 'admin' && current.status === 'active' && (await repo.countActiveAdmins(actor.accountId)) <= 1) throw lastAdmin();
    await repo.deleteMembership(current.membershipId);
    await createAuthRepository({ db: trx }).deleteSessionsOfUserInAccount(userId, actor.accountId);
    await createTokensRepository({ db: trx }).revokeOpen({ userId, kind: 'invitation', accountId: actor.accountId });
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'user.removed', targetType: 'user', targetId: userId,
      data: { email: current.email, role: current.role }, ip,
    });
  });
}

/** Sends a fresh invitation link; the previous one stops working. */
export async function resendInvitation({ deps, actor, userId, ip }: { deps: AppDeps; actor: { userId: string; accountId: string }; userId: string; ip: string | null }) {
  const { db, config, mailer } = deps;
  const current = await createAccountUsersRepository({ db }).find({ accountId: actor.accountId, userId });
  if (!current) throw accountUserNotFound();
  if (current.status !== 'invited') throw notInvited();
  await hitRateLimit(db, { bucket: `invite-resend:${userId}`, max: 5, windowMs: 3_600_000 });
  await db.transaction().execute(async (trx) => {
    const tokens = createTokensRepository({ db: trx });
    await tokens.revokeOpen({ userId, kind: 'invitation', accountId: actor.accountId });
    const { token, expiresAt } = await tokens.issue({ userId, kind: 'invitation', ttlMs: INVITATION_TTL_MS, accountId: actor.accountId, createdByUserId: actor.userId });
    const users = createUsersRepository({ db: trx });
    const [user, inviter, account] = await Promise.all([
      users.findUserById(userId), users.findUserById(actor.userId), createAccountsRepository({ db: trx }).findAccountById(actor.accountId),
    ]);
    const mail = mailTemplates.invitation(localeOf(user!, account!.locale), {
      to: current.email, name: current.name, accountName: account!.name, inviterName: inviter?.name ?? null,
      url: `${config.publicUrl}/invitation/${token}`, expiresAt,
    });
    await queueMail(trx, { mail, accountId: actor.accountId, deliver: mailer.delivers });
    await recordAuditEvent(trx, { accountId: actor.accountId, actorUserId: actor.userId, action: 'user.invitation_resent', targetType: 'user', targetId: userId, ip });
  });
}
