import { compareVersions, maintenanceStatus, maskLicenseKey } from './key-format.js';
import { canManageKey, type KeyActor, keyAbilities } from './keys.policy.js';
import type { KeyRow } from './keys.repository.js';
import type { Activation } from './activations.repository.js';
import type { UpdateHint } from '../downloads/downloads.schemas.js';

/**
 * A key as the portal shows it. The full key goes to those who manage it and to the person it is
 * assigned to; everyone else in scope sees only its last group.
 */
export function presentKey(ka: KeyActor, k: KeyRow, updateHint: UpdateHint | null = null) {
  const showFull = showsFullKey(ka, k);
  return {
    id: k.id,
    licenseKey: showFull ? k.licenseKey : maskLicenseKey(k.licenseKey),
    licenseKeyMasked: !showFull,
    product: { id: k.productId, name: k.productName, latestVersion: k.productLatestVersion },
    edition: k.editionId ? { id: k.editionId, name: k.editionName ?? '' } : null,
    seats: k.seats,
    seatsUsed: k.seatsUsed,
    term: k.term,
    validUntil: k.validUntil,
    status: k.status,
    keyGroup: k.keyGroupId ? { id: k.keyGroupId, name: k.keyGroupName ?? '' } : null,
    assignedTo: k.assignedName || k.assignedEmail || k.assignedUserId ? { name: k.assignedName, email: k.assignedEmail, userId: k.assignedUserId } : null,
    maintenance: { start: k.maintenanceStart, end: k.maintenanceEnd, status: maintenanceStatus(k.maintenanceEnd) },
    lastUsedVersion: k.lastUsedVersion,
    updateAvailable: updateHint !== null || !!(k.lastUsedVersion && k.productLatestVersion && compareVersions(k.lastUsedVersion, k.productLatestVersion) < 0),
    updateHint,
    lastSeenAt: k.lastSeenAt,
    version: k.version,
    abilities: keyAbilities(ka, k),
  };
}

export function presentActivation(a: Activation) {
  return {
    id: a.id,
    hostname: a.hostname,
    os: a.os,
    softwareVersion: a.softwareVersion,
    // The fingerprint identifies a machine; its head is enough to tell machines apart on screen.
    fingerprint: a.fingerprint.length > 12 ? `${a.fingerprint.slice(0, 12)}…` : a.fingerprint,
    method: a.method,
    status: a.status,
    activatedAt: a.activatedAt,
    activatedBy: a.activatedBy,
    lastSeenAt: a.lastSeenAt,
    deactivatedAt: a.deactivatedAt,
    deactivation: a.deactivation,
    deactivatedBy: a.deactivatedBy,
  };
}

/**
 * Whether the actor sees a key whole: those who manage it and the person it is assigned to;
 * everyone else in scope sees only its last group. The key page, the list, reports and exports.
 */
export function showsFullKey(ka: KeyActor, k: { accountId: string; keyGroupId: string | null; assignedUserId: string | null }): boolean {
  return canManageKey(ka, k) || k.assignedUserId === ka.actor.userId;
}

/** The key as `showsFullKey` allows the actor to read it. */
export const licenseKeyFor = (ka: KeyActor, k: { accountId: string; keyGroupId: string | null; assignedUserId: string | null; licenseKey: string }): string =>
  showsFullKey(ka, k) ? k.licenseKey : maskLicenseKey(k.licenseKey);
