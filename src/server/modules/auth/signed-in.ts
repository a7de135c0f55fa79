import type { FastifyReply } from 'fastify';
import { setSessionCookie } from '../../app/auth/session-hooks.js';
import { sha256Hex } from '../../app/ids.js';
import type { AppDeps } from '../../app/types.js';
import { mayDownloadAnything } from '../downloads/downloads.usecases.js';
import { presentMe } from '../users/users.presenter.js';
import { getMe } from '../users/users.usecases.js';
import { createAuthRepository } from './auth.repository.js';
import { actorFromSession } from './auth.usecases.js';

/** Sets the cookie for a fresh session and builds the sign-in answer (/me for that session). */
export async function signedInResponse({ deps, reply, token }: { deps: Pick<AppDeps, 'db' | 'config'>; reply: FastifyReply; token: string }) {
  const { db, config } = deps;
  setSessionCookie(reply, config, token);
  const session = await createAuthRepository({ db }).findSessionByTokenHash(sha256Hex(token));
  if (!session) throw new Error('session vanished right after sign-in');
  const actor = actorFromSession(session);
  const { user, memberships, pendingEmail } = await getMe({ db, actor });
  // As /me decides it: without the flag, Downloads shows for those who hold a key of their own or of their groups.
  const mayDownload = actor.kind === 'customer' && actor.accountId !== null ? await mayDownloadAnything({ deps, actor: { ...actor, accountId: actor.accountId } }) : false;
  return { data: presentMe({ user, actor, memberships, session, staffMfaRequired: config.staffMfaRequired, pendingEmail, mayDownload }), mfaRequired: false };
}
