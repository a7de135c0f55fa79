import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { type CertificatePayload, verifyCertificate } from './certificate.js';
import { makeActivationRequest, makeDeactivationRequest, type LicenseFile } from './offline-files.js';

/**
 * The reference client a vendor embeds in their software (docs/licensing.md): machine fingerprint,
 * online activate / validate / deactivate, offline verification and offline request files.
 * Dependency-free: Node's crypto and fetch only.
 */

export interface MachineInfo {
  fingerprint: string;
  hostname: string;
  os: string;
}

/** A stable, privacy-preserving machine id: a hash of the OS machine id (or host facts), never the raw values. */
export function machineFingerprint(): string {
  let machineId = '';
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      machineId = fs.readFileSync(file, 'utf8').trim();
      if (machineId) break;
    } catch {
      // not on this system
    }
  }
  const facts = machineId || [os.hostname(), os.platform(), os.arch(), os.cpus()[0]?.model ?? '', os.totalmem()].join('|');
  return crypto.createHash('sha256').update(`portico-fingerprint:${facts}`).digest('hex').slice(0, 32);
}

export function machineInfo(): MachineInfo {
  return { fingerprint: machineFingerprint(), hostname: os.hostname(), os: `${os.type()} ${os.release()} ${os.arch()}` };
}

export class LicensingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LicensingError';
  }
}

export interface LicenseAnswer {
  certificate: string;
  license: { status: string; product: string; edition: string | null; seats: number; validUntil: string | null; maintenance: { end: string | null; status: string } };
}

export function createLicenseClient({ baseUrl, fetchImpl = fetch }: { baseUrl: string; fetchImpl?: typeof fetch }) {
  const url = (path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetchImpl(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as { data?: T; code?: string; detail?: string };
    if (!res.ok) throw new LicensingError(res.status, json.code ?? 'http_error', json.detail ?? `HTTP ${res.status}`);
    return json.data as T;
  }

  return {
    activate: (key: string, machine: MachineInfo, version?: string) =>
      post<LicenseAnswer>('/api/v1/licensing/activate', { key, ...machine, ...(version ? { version } : {}) }),
    validate: (key: string, machine: MachineInfo, version?: string) =>
      post<LicenseAnswer>('/api/v1/licensing/validate', { key, ...machine, ...(version ? { version } : {}) }),
    deactivate: (key: string, fingerprint: string) => post<void>('/api/v1/licensing/deactivate', { key, fingerprint }),
    /** kid → PEM. Ship these with the software, or fetch once and cache them. */
    async publicKeys(): Promise<Record<string, string>> {
      const res = await fetchImpl(url('/api/v1/licensing/public-key'));
      if (!res.ok) throw new LicensingError(res.status, 'http_error', `HTTP ${res.status}`);
      const { data } = (await res.json()) as { data: { keys: { kid: string; publicKeyPem: string }[] } };
      return Object.fromEntries(data.keys.map((k) => [k.kid, k.publicKeyPem]));
    },
  };
}

/** Verifies a certificate (or a licence file's certificate) offline for this machine. */
export function verifyLicense(certificate: string, publicKeys: Record<string, string>, fingerprint: string, now = Date.now()) {
  return verifyCertificate(certificate, publicKeys, { fingerprint, now });
}

/** The file a machine without internet hands to the portal for offline activation. */
export function offlineActivationRequest(key: string, machine: MachineInfo, softwareVersion: string) {
  return makeActivationRequest({ key, fingerprint: machine.fingerprint, hostname: machine.hostname, os: machine.os, softwareVersion });
}

/** The file that gives an offline seat back; it carries the licence being returned. */
export function offlineDeactivationRequest(key: string, machine: MachineInfo, certificate: string) {
  return makeDeactivationRequest({ key, fingerprint: machine.fingerprint, certificate });
}

export function readLicenseFile(text: string): LicenseFile {
  const file = JSON.parse(text) as LicenseFile;
  if (file?.format !== 'portico-license' || file.version !== 1 || typeof file.certificate !== 'string') throw new Error('Not a Portico licence file');
  return file;
}

export type { CertificatePayload };
