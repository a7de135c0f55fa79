import { can, type CustomerActor } from '../../app/auth/actor.js';
import { type KeyActor, type KeyListScope, keyListScope } from '../keys/keys.policy.js';
import type { EntitlingKey } from './downloads.repository.js';

/**
 * Who may download what (issue #8). A customer may download a product when they see an active key
 * of it: account admins and users with the downloads flag every key of the account, everyone else
 * the keys the keys module lets them see (assigned to them, or in the key groups they manage). The
 * scope is the keys module's own (keyListScope / keyScopeWhere), never a second version of it.
 */
export function downloadScope(ka: KeyActor): KeyListScope {
  if (can(ka.actor, 'use:downloads')) return { kind: 'account', accountId: ka.actor.accountId };
  return keyListScope(ka);
}

/** True when the actor's key scope (downloads without the flag, update hints) depends on the key groups they manage. */
export const needsManagedGroups = (actor: CustomerActor): boolean => can(actor, 'read:keys:groups');

export type Coverage =
  | { covered: true }
  /** maintenance_ended: the latest maintenance end among the keys; no_maintenance: no key has maintenance and the release came after they were issued. */
  | { covered: false; reason: 'maintenance_ended' | 'no_maintenance'; maintenanceEnd: string | null };

/** The last day a key's releases may be published on: its maintenance end, or (without maintenance) the day it was issued. */
export const coverageEnd = (k: Pick<EntitlingKey, 'maintenanceEnd' | 'createdAt'>): string => (k.maintenanceEnd ?? k.createdAt).slice(0, 10);

/** Does one key cover a release published at `publishedAt`? Compared by UTC calendar day: a maintenance end on the release day covers it. */
export const keyCoversRelease = (k: Pick<EntitlingKey, 'maintenanceEnd' | 'createdAt'>, publishedAt: string): boolean => coverageEnd(k) >= publishedAt.slice(0, 10);

/**
 * Whether some key of the product covers the release, else why not. Earlier releases stay
 * available after maintenance ended; later ones are not the customer's.
 */
export function releaseCoverage(keys: readonly Pick<EntitlingKey, 'maintenanceEnd' | 'createdAt'>[], publishedAt: string): Coverage {
  if (keys.some((k) => keyCoversRelease(k, publishedAt))) return { covered: true };
  const ends = keys.map((k) => k.maintenanceEnd).filter((e): e is string => e !== null).sort();
  const last = ends[ends.length - 1];
  return last ? { covered: false, reason: 'maintenance_ended', maintenanceEnd: last } : { covered: false, reason: 'no_maintenance', maintenanceEnd: null };
}
