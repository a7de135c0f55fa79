import crypto from 'node:crypto';

/**
 * The offline file formats (docs/licensing.md). A request file is JSON with a SHA-256 checksum over
 * its other fields in a fixed order, so a file damaged or edited by hand is refused.
 */
export interface ActivationRequestFile {
  format: 'portico-activation-request';
  version: 1;
  key: string;
  fingerprint: string;
  hostname: string;
  os: string;
  softwareVersion: string;
  createdAt: string;
  checksum: string;
}

export interface DeactivationRequestFile {
  format: 'portico-deactivation-request';
  version: 1;
  key: string;
  fingerprint: string;
  certificate: string;
  createdAt: string;
  checksum: string;
}

export interface LicenseFile {
  format: 'portico-license';
  version: 1;
  certificate: string;
  product: string;
  issuedAt: string;
}

type Unsummed<T> = Omit<T, 'checksum'>;

const ORDER = ['format', 'version', 'key', 'fingerprint', 'hostname', 'os', 'softwareVersion', 'certificate', 'createdAt'] as const;

export function requestChecksum(file: Record<string, unknown>): string {
  const canonical = ORDER.filter((k) => k in file).map((k) => [k, file[k]]);
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export function makeActivationRequest(fields: Omit<Unsummed<ActivationRequestFile>, 'format' | 'version' | 'createdAt'>, now = new Date()): ActivationRequestFile {
  const file = { format: 'portico-activation-request' as const, version: 1 as const, ...fields, createdAt: now.toISOString() };
  return { ...file, checksum: requestChecksum(file) };
}

export function makeDeactivationRequest(fields: Omit<Unsummed<DeactivationRequestFile>, 'format' | 'version' | 'createdAt'>, now = new Date()): DeactivationRequestFile {
  const file = { format: 'portico-deactivation-request' as const, version: 1 as const, ...fields, createdAt: now.toISOString() };
  return { ...file, checksum: requestChecksum(file) };
}
