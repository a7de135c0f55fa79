import { type Actor, ensureCan, ensureCustomerInAccount } from '../../app/auth/actor.js';

/** The account's activity log: account admins only. Returns the account the log is read from. */
export function ensureCanReadAccountActivity(actor: Actor): { accountId: string } {
  ensureCustomerInAccount(actor);
  ensureCan(actor, 'read:account_activity');
  return { accountId: actor.accountId };
}
