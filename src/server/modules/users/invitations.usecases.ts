import { recordAuditEvent } from '../../app/audit.js';
import type { AppDeps } from '../../app/types.js';
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { hashPassword } from '../auth/password.js';
import { tokenExpired, tokenNotFound, tokenUsed } from '../auth/password-reset.usecases.js';
import { ensureAcceptablePassword } from './passwords.js';
import { createTokensRepository, type UserToken } from './tokens.repository.js';
import { createUsersRepository } from './users.repository.js';

/** The shape of the links we send (base64url, 256 bits); anything else is not looked up. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{10,200}$/;

async function openInvitation(deps: AppDeps, token: string): Promise<UserToken> {
  if (!TOKEN_FORMAT.test(token)) throw tokenNotFound();
  const found = await createTokensRepository({ db: deps.db }).findByToken('invitation', token);
  if (!found) throw tokenNotFound();
  if (found.usedAt) throw tokenUsed();
  if (Date.parse(found.expiresAt) <= Date.now()) throw tokenExpired();
  return found;
}

/** What the invitation page shows before the invitee sets a password. */
export async function getInvitation({ deps, token }: { deps: AppDeps; token: string }) {
  const invitation = await openInvitation(deps, token);
  const users = createUsersRepository({ db: deps.db });
  const [user, inviter, account] = await Promise.all([
    users.findUserById(invitation.userId),
    invitation.createdByUserId ? users.findUserById(invitation.createdByUserId) : null,
    invitation.accountId ? createAccountsRepository({ db: deps.db }).findAccountById(invitation.accountId) : null,
  ]);
  if (user?.status !== 'invited') throw tokenUsed();
  return {
    invitation: {
      email: user.email,
      name: user.name,
      locale: user.locale,
      accountName: account?.name ?? null,
      inviterName: inviter?.name ?? null,
      expiresAt: invitation.expiresAt,
    },
  };
}

/**
 * Accepts an invitation: sets name, password and language, activates the login, uses up the link
 * and every other open invitation of the person. The route then signs them in.
 */
export async function acceptInvitation({
  deps,
  token,
  input,
  ip,
}: {
  deps: AppDeps;
  token: string;
  input: { name: string; password: string; locale?: 'de' | 'en' };
  ip: string;
}) {
  const invitation = await openInvitation(deps, token);
  const users = createUsersRepository({ db: deps.db });
  const user = await users.findUserById(invitation.userId);
  if (user?.status !== 'invited') throw tokenUsed();
  ensureAcceptablePassword(input.password, { email: user.email, name: input.name });
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    const tokens = createTokensRepository({ db: trx });
    if (!(await tokens.consume(invitation.id))) throw tokenUsed();
    await tokens.revokeOpen({ userId: user.id, kind: 'invitation' });
    await createUsersRepository({ db: trx }).updateUser(user.id, { name: input.name, passwordHash, status: 'active', ...(input.locale ? { locale: input.locale } : {}) });
    await recordAuditEvent(trx, {
      accountId: invitation.accountId,
      actorUserId: user.id,
      action: 'user.invitation_accepted',
      targetType: 'user',
      targetId: user.id,
      ip,
    });
  });
  return { user: { ...user, name: input.name, status: 'active' as const } };
}
