import { type Actor, type CustomerActor, ensureCan, ensureCustomerInAccount } from '../../app/auth/actor.js';
import type { AccountUser } from './account-users.repository.js';

/** Managing the account's users is for its admins: anyone else in the account gets 403. */
export function ensureCanManageAccountUsers(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  ensureCan(actor, 'manage:users');
  return actor;
}

/** What the UI may offer for one user of the account, from the same rules the usecases enforce. */
export function accountUserAbilities(actor: CustomerActor, user: AccountUser) {
  const manage = actor.permissions.has('manage:users');
  return {
    edit: manage && user.status !== 'disabled',
    deactivate: manage && user.membershipStatus === 'active',
    reactivate: manage && user.membershipStatus === 'disabled',
    remove: manage,
    resendInvitation: manage && user.status === 'invited',
  };
}
