import { type Actor, can, type CustomerActor, ensureCustomerInAccount } from '../../app/auth/actor.js';

/** What the key rules need to know about the actor beyond the session: the key groups they manage. */
export interface KeyActor {
  actor: CustomerActor & { accountId: string };
  managedGroupIds: readonly string[];
}

export interface KeyScopeFacts {
  accountId: string;
  keyGroupId: string | null;
  assignedUserId: string | null;
}

/** May the actor see this key? Admins: every key of the account; key managers: their groups; everyone: keys assigned to them. */
export function canViewKey({ actor, managedGroupIds }: KeyActor, key: KeyScopeFacts): boolean {
  if (key.accountId !== actor.accountId) return false;
  if (can(actor, 'read:keys:all')) return true;
  if (can(actor, 'read:keys:groups') && key.keyGroupId !== null && managedGroupIds.includes(key.keyGroupId)) return true;
  return key.assignedUserId === actor.userId;
}

/** May the actor assign, move, release and activate offline? Admins, and key managers within their groups. */
export function canManageKey({ actor, managedGroupIds }: KeyActor, key: KeyScopeFacts): boolean {
  if (key.accountId !== actor.accountId) return false;
  if (can(actor, 'manage:keys:all')) return true;
  return can(actor, 'manage:keys:groups') && key.keyGroupId !== null && managedGroupIds.includes(key.keyGroupId);
}

/** The same rule as canViewKey, as data for the SQL scope of lists, search, export and reports. */
export type KeyListScope =
  | { kind: 'account'; accountId: string }
  | { kind: 'groups_or_own'; accountId: string; groupIds: readonly string[]; userId: string }
  | { kind: 'own'; accountId: string; userId: string };

export function keyListScope({ actor, managedGroupIds }: KeyActor): KeyListScope {
  if (can(actor, 'read:keys:all')) return { kind: 'account', accountId: actor.accountId };
  if (can(actor, 'read:keys:groups')) return { kind: 'groups_or_own', accountId: actor.accountId, groupIds: managedGroupIds, userId: actor.userId };
  return { kind: 'own', accountId: actor.accountId, userId: actor.userId };
}

export function ensureKeyReader(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  return actor;
}

/** Picking a portal user as a key's assignee: those who assign keys (admins, key managers); members may not list the account's users. */
export const canPickAssignee = (actor: CustomerActor) => can(actor, 'manage:keys:all') || can(actor, 'manage:keys:groups');

/** Creating, renaming and deleting key groups: account admins. */
export const canManageKeyGroups = (actor: CustomerActor) => can(actor, 'manage:keys:all');

export function keyAbilities(ka: KeyActor, key: KeyScopeFacts & { status: string }) {
  const manage = canManageKey(ka, key) && key.status === 'active';
  return { manage, assign: manage, move: manage && can(ka.actor, 'manage:keys:all'), release: manage, offlineActivation: manage, requestRenewal: canViewKey(ka, key) };
}
