/** A product key as the API presents it; `abilities` says what the signed-in user may do with it. */
export type Key = {
  id: string;
  licenseKey: string;
  /** true when only the last group is shown (the user may see the key but not use it). */
  licenseKeyMasked: boolean;
  product: { id: string; name: string; latestVersion: string | null };
  edition: { id: string; name: string } | null;
  seats: number;
  seatsUsed: number;
  term: 'perpetual' | 'subscription';
  validUntil: string | null;
  status: 'active' | 'suspended' | 'revoked';
  keyGroup: { id: string; name: string } | null;
  assignedTo: { name: string | null; email: string | null; userId: string | null } | null;
  maintenance: { start: string | null; end: string | null; status: MaintenanceStatus };
  lastUsedVersion: string | null;
  updateAvailable: boolean;
  /** "N versions behind": the newest stable/LTS release the key's maintenance covers, and the file for the platform it last ran on. */
  updateHint: UpdateHint | null;
  lastSeenAt: string | null;
  version: number;
  abilities: {
    manage: boolean;
    assign: boolean;
    move: boolean;
    release: boolean;
    offlineActivation: boolean;
    requestRenewal: boolean;
  };
};

export type MaintenanceStatus = 'active' | 'expiring' | 'expired' | 'none';

export type UpdateHint = {
  behind: number;
  latest: { releaseId: string; version: string; channel: 'stable' | 'preview' | 'lts'; publishedAt: string };
  artifact: { id: string; fileName: string; platform: 'windows' | 'macos' | 'linux'; arch: 'x64' | 'arm64' } | null;
};

/** One entry of the registration history (Registrierungsverlauf). */
export type Activation = {
  id: string;
  hostname: string | null;
  os: string | null;
  softwareVersion: string | null;
  /** The head of the machine fingerprint, enough to tell machines apart. */
  fingerprint: string;
  method: 'online' | 'offline';
  status: 'active' | 'deactivated';
  activatedAt: string;
  activatedBy: { id: string; name: string } | null;
  lastSeenAt: string;
  deactivatedAt: string | null;
  deactivation: 'software' | 'offline' | 'portal_release' | 'staff' | null;
  deactivatedBy: { id: string; name: string } | null;
};

export type KeyGroup = { id: string; name: string; keyCount: number; managers: { id: string; name: string }[] };

/** Whom a key is assigned to: a portal user, an end user by name and email, or nobody. */
export type Assignee = { userId: string } | { name: string; email: string; inviteToPortal?: boolean } | null;

/** Query keys of this feature start with this root and the account, so a switch never mixes accounts. */
export const keysRoot = (accountId: string) => ['keys', accountId] as const;
