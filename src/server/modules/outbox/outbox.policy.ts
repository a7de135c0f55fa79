import { type Actor, ensureAuthenticated, ensureCan } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';

/**
 * The Postausgang holds every mail, including links that sign people in: only staff admins read it.
 * To anyone else the outbox does not exist (404), to other staff it is forbidden (403).
 */
export function ensureCanReadOutbox(actor: Actor): void {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'read:outbox');
}
