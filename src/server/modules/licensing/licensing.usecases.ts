import { type CertificatePayload, signCertificate, verifyCertificate } from '../../../client/certificate.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, type Dialect, nowIso } from '../../app/db.js';
import { sql } from 'kysely';
import type { Config } from '../../app/config.js';
import { blockedBuckets, ensureNotBlocked, hitFixedWindows } from '../../app/rate-limit.js';
import { createActivationsRepository } from '../keys/activations.repository.js';
import { maintenanceStatus, normalizeLicenseKey } from '../keys/key-format.js';
import { createKeysRepository, type KeyRow } from '../keys/keys.repository.js';
import { invalidKey, licenseExpired, noSeatsLeft, notActivated } from './licensing.errors.js';
import { currentSigningKey, signingKeys } from './signing.js';
import { ValidateWriter } from './validate-writes.js';

export interface MachineFacts {
  fingerprint: string;
  hostname?: string | null;
  os?: string | null;
  version?: string | null;
}

interface LicensingDeps {
  db: Db;
  dialect: Dialect;
  config: Pick<Config, 'licensing'>;
}

const MINUTE = 60_000;

/**
 * Finds a usable key: well-formed, known, active and within its subscription; anything else is
 * invalidKey. Every call counts against the client IP (guessing included) and, for a known key,
 * against that key — both counters in one statement.
 */
async function usableKey(deps: LicensingDeps, rawKey: string, ip: string | null): Promise<KeyRow> {
  // A client already over its limit is refused before any database work.
  if (ip) ensureNotBlocked(deps.db, `lic-ip:${ip}`);
  const licenseKey = normalizeLicenseKey(rawKey);
  const key = licenseKey ? await createKeysRepository({ db: deps.db }).findByLicenseKey(licenseKey) : null;
  const { ratePerIp, ratePerKey } = deps.config.licensing;
  await hitFixedWindows(deps.db, [
    ...(ip ? [{ bucket: `lic-ip:${ip}`, max: ratePerIp, windowMs: MINUTE }] : []),
    ...(key ? [{ bucket: `lic-key:${key.id}`, max: ratePerKey, windowMs: MINUTE }] : []),
  ]);
  if (key?.status !== 'active') throw invalidKey();
  if (key.validUntil && Date.parse(key.validUntil) <= Date.now()) throw licenseExpired();
  return key;
}

async function certificateFor(deps: LicensingDeps, key: KeyRow, fingerprint: string, method: 'online' | 'offline'): Promise<string> {
  const signer = await currentSigningKey(deps.db);
  const now = Date.now();
  // Online certificates are short-lived (the software validates again); offline ones last the term.
  const horizon = method === 'online' ? now + deps.config.licensing.certificateDays * 86_400_000 : null;
  const termEnd = key.validUntil ? Date.parse(key.validUntil) : null;
  const expires = horizon === null ? termEnd : termEnd === null ? horizon : Math.min(horizon, termEnd);
  const payload: CertificatePayload = {
    v: 1,
    kid: signer.kid,
    keyId: key.id,
    product: key.productCode,
    productName: key.productName,
    edition: key.editionCode,
    fingerprint,
    seats: key.seats,
    issuedAt: new Date(now).toISOString(),
    expiresAt: expires === null ? null : new Date(expires).toISOString(),
    maintenanceEnd: key.maintenanceEnd,
    method,
  };
  return signCertificate(payload, signer.privateKey);
}

/** Serialises seat checks for one key: a row lock on PostgreSQL; SQLite runs one writer at a time. */
async function lockKey(db: Db, dialect: Dialect, keyId: string) {
  if (dialect === 'postgres') await sql`select id from product_keys where id = ${keyId} for update`.execute(db);
}

/**
 * Activates a machine on a key (online from the software, or offline through the portal). The same
 * machine activating again gets a fresh certificate on its existing seat; a new machine needs a free seat.
 */
export async function activate(
  deps: LicensingDeps,
  { licenseKey, machine, method, byUserId = null, ip }: { licenseKey: string; machine: MachineFacts; method: 'online' | 'offline'; byUserId?: string | null; ip: string | null },
) {
  const key = await usableKey(deps, licenseKey, ip);
  const at = nowIso();
  const activationId = await deps.db.transaction().execute(async (trx) => {
    await lockKey(trx, deps.dialect, key.id);
    const activations = createActivationsRepository({ db: trx });
    const existing = await activations.findActive(key.id, machine.fingerprint);
    if (existing) {
      await activations.touch(existing.id, { at, softwareVersion: machine.version ?? null, hostname: machine.hostname, os: machine.os });
      await createKeysRepository({ db: trx }).recordUse(key.id, { version: machine.version ?? null, at });
      return existing.id;
    }
    if ((await activations.countActive(key.id)) >= key.seats) throw noSeatsLeft();
    const id = await activations.insert({
      keyId: key.id, fingerprint: machine.fingerprint, hostname: machine.hostname ?? null, os: machine.os ?? null, softwareVersion: machine.version ?? null,
      method, activatedByUserId: byUserId, at,
    });
    await createKeysRepository({ db: trx }).recordUse(key.id, { version: machine.version ?? null, at });
    await recordAuditEvent(trx, {
      accountId: key.accountId, actorUserId: byUserId, action: 'key.activated', targetType: 'key', targetId: key.id,
      data: { activationId: id, fingerprint: machine.fingerprint, hostname: machine.hostname ?? null, version: machine.version ?? null, method }, ip,
    });
    return id;
  });
  const certificate = await certificateFor(deps, key, machine.fingerprint, method);
  return { key, activationId, certificate };
}

const writers = new WeakMap<Db, ValidateWriter>();

/**
 * The software's periodic check: updates last seen and last used version, returns status and a
 * fresh certificate. The same checks and counts as `usableKey`, but its writes (rate counters,
 * last seen) are group-committed with those of concurrent calls (see ValidateWriter).
 */
export async function validate(deps: LicensingDeps, { licenseKey, machine, ip }: { licenseKey: string; machine: MachineFacts; ip: string | null }) {
  if (ip) ensureNotBlocked(deps.db, `lic-ip:${ip}`);
  const normalized = normalizeLicenseKey(licenseKey);
  const found = normalized ? await createKeysRepository({ db: deps.db }).findWithMachine(normalized, machine.fingerprint) : null;
  const key = found?.key ?? null;
  if (key) ensureNotBlocked(deps.db, `lic-key:${key.id}`);
  const expired = key?.validUntil ? Date.parse(key.validUntil) <= Date.now() : false;
  const usable = key?.status === 'active' && !expired;
  const activation = usable && found?.liveActivationId ? { id: found.liveActivationId } : null;
  const { ratePerIp, ratePerKey } = deps.config.licensing;
  let writer = writers.get(deps.db);
  if (!writer) {
    writer = new ValidateWriter(deps.db, deps.dialect, blockedBuckets(deps.db));
    writers.set(deps.db, writer);
  }
  await writer.submit({
    buckets: [
      ...(ip ? [{ bucket: `lic-ip:${ip}`, max: ratePerIp, windowMs: MINUTE }] : []),
      ...(key ? [{ bucket: `lic-key:${key.id}`, max: ratePerKey, windowMs: MINUTE }] : []),
    ],
    touch: activation && key ? { activationId: activation.id, keyId: key.id, version: machine.version ?? null, at: nowIso() } : null,
  });
  if (key?.status !== 'active') throw invalidKey();
  if (expired) throw licenseExpired();
  if (!activation) throw notActivated();
  const certificate = await certificateFor(deps, key, machine.fingerprint, 'online');
  return { key, activation, certificate };
}

/** Gives a seat back from the software (online), or from an offline deactivation file through the portal. */
export async function deactivate(
  deps: LicensingDeps,
  { licenseKey, fingerprint, how, byUserId = null, ip }: { licenseKey: string; fingerprint: string; how: 'software' | 'offline'; byUserId?: string | null; ip: string | null },
) {
  const key = await usableKey(deps, licenseKey, ip);
  await deps.db.transaction().execute(async (trx) => {
    const activations = createActivationsRepository({ db: trx });
    const activation = await activations.findActive(key.id, fingerprint);
    if (!activation || !(await activations.deactivate(activation.id, { at: nowIso(), how, byUserId }))) throw notActivated();
    await recordAuditEvent(trx, {
      accountId: key.accountId, actorUserId: byUserId, action: 'key.deactivated', targetType: 'key', targetId: key.id,
      data: { activationId: activation.id, fingerprint, hostname: activation.hostname, how }, ip,
    });
  });
  return { key };
}

export function licenseSummary(key: KeyRow) {
  return {
    status: key.status,
    product: key.productName,
    edition: key.editionName,
    seats: key.seats,
    validUntil: key.validUntil,
    maintenance: { end: key.maintenanceEnd, status: maintenanceStatus(key.maintenanceEnd) },
  };
}

/** Checks a certificate handed back in an offline deactivation file against our own public keys. */
export async function checkOwnCertificate(db: Db, certificate: string, { keyId, fingerprint }: { keyId: string; fingerprint: string }) {
  const keys = Object.fromEntries((await signingKeys(db)).map((k) => [k.kid, k.publicKeyPem]));
  // An expired certificate still proves which machine gives its seat back.
  const result = verifyCertificate(certificate, keys, { fingerprint, now: 0 });
  return result.valid && result.payload.keyId === keyId;
}
