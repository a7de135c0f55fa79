import type { AuthenticatedActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, toBool } from '../../app/db.js';
import { createError } from '../../app/errors.js';
import { createAuthRepository } from '../auth/auth.repository.js';
import { createTokensRepository } from './tokens.repository.js';
import { createUsersRepository, type NotificationPrefs } from './users.repository.js';

export const accountNotFound = createError({ code: 'account.not_found', status: 404, message: 'Account not found' });
const userNotFound = createError({ code: 'user.not_found', status: 404, message: 'User not found' });

const accountOf = (actor: AuthenticatedActor) => (actor.kind === 'customer' ? actor.accountId : null);

/** The signed-in user with their memberships and an email change still waiting for confirmation. */
export async function getMe({ db, actor }: { db: Db; actor: AuthenticatedActor }) {
  const users = createUsersRepository({ db });
  const [user, memberships, emailChange] = await Promise.all([
    users.findUserById(actor.userId),
    actor.kind === 'customer' ? users.listMembershipsOfUser(actor.userId) : Promise.resolve([]),
    createTokensRepository({ db }).findOpen({ userId: actor.userId, kind: 'email_change' }),
  ]);
  if (!user) throw userNotFound();
  const pendingEmail = emailChange?.newEmail ? { email: emailChange.newEmail, expiresAt: emailChange.expiresAt } : null;
  return { user, memberships, pendingEmail };
}

/** Changes the user's own name or language; audited in the account in use. */
export async function updateMe({
  db,
  actor,
  patch,
  ip,
}: {
  db: Db;
  actor: AuthenticatedActor;
  patch: { name?: string; locale?: 'de' | 'en'; notificationPrefs?: Partial<NotificationPrefs> };
  ip: string;
}) {
  await db.transaction().execute(async (trx) => {
    const users = createUsersRepository({ db: trx });
    const { notificationPrefs, ...rest } = patch;
    const current = notificationPrefs ? (await users.findUserById(actor.userId))?.notificationPrefs : undefined;
    await users.updateUser(actor.userId, { ...rest, ...(notificationPrefs && current ? { notificationPrefs: { ...current, ...stripUndefined(notificationPrefs) } } : {}) });
    await recordAuditEvent(trx, {
      accountId: accountOf(actor),
      actorUserId: actor.userId,
      action: 'user.updated',
      targetType: 'user',
      targetId: actor.userId,
      data: { fields: Object.keys(patch) },
      ip,
    });
  });
}

/**
 * Moves the session to another account the user belongs to. An account without a membership
 * reads as not found, whether or not it exists.
 */
export async function switchAccount({ db, actor, accountId, ip }: { db: Db; actor: AuthenticatedActor; accountId: string; ip: string }) {
  if (actor.kind !== 'customer') throw accountNotFound();
  const memberships = await createUsersRepository({ db }).listMembershipsOfUser(actor.userId);
  const membership = memberships.find((m) => m.accountId === accountId);
  if (!membership) throw accountNotFound();
  await db.transaction().execute(async (trx) => {
    await createAuthRepository({ db: trx }).setSessionAccount({ id: actor.sessionId, accountId });
    await recordAuditEvent(trx, {
      accountId,
      actorUserId: actor.userId,
      action: 'account.switched',
      targetType: 'account',
      targetId: accountId,
      data: { from: actor.accountId },
      ip,
    });
  });
  return { membership, accountRequiresMfa: await readAccountRequiresMfa(db, accountId) };
}

async function readAccountRequiresMfa(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('require_mfa').where('id', '=', accountId).executeTakeFirst();
  return toBool(row?.require_mfa);
}

const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
