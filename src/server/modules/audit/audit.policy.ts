import { type Actor, can, ensureCustomerInAccount } from '../../app/auth/actor.js';

/**
 * The account's activity log: admins read everyone's events, everyone else in the account only
 * their own. Returns the scope the list query must apply.
 */
export function activityScope(actor: Actor): { accountId: string; actorUserId: string | null } {
  ensureCustomerInAccount(actor);
  return { accountId: actor.accountId, actorUserId: can(actor, 'read:account_activity') ? null : actor.userId };
}
