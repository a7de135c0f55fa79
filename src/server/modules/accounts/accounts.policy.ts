import { type Actor, type CustomerActor, ensureAuthenticated, ensureCan, ensureCustomerInAccount, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';

/** The staff list of all customer accounts: staff with read:staff_accounts. Customers never learn it exists. */
export function ensureCanListAllAccounts(actor: Actor): void {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'read:staff_accounts');
}

/** Creating customer accounts: staff admins. */
export function ensureCanCreateAccounts(actor: Actor): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'manage:accounts');
  return actor;
}

/** Reading the account in use: anyone in it. */
export function ensureCanReadAccount(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  ensureCan(actor, 'read:account');
  return actor;
}

/** The account's security settings (MFA for everyone): its admins. */
export function ensureCanManageAccountSecurity(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  ensureCan(actor, 'manage:users');
  return actor;
}
