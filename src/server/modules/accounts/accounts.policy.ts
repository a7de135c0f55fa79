import { type Actor, ensureAuthenticated, ensureCan } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';

/** The staff list of all customer accounts: staff with read:staff_accounts. Customers never learn it exists. */
export function ensureCanListAllAccounts(actor: Actor): void {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'read:staff_accounts');
}
