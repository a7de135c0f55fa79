import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLicenseClient,
  type LicensingError,
  offlineActivationRequest,
  offlineDeactivationRequest,
  readLicenseFile,
  verifyLicense,
} from '../../../../client/license-client.js';
import { generateLicenseKey } from '../../keys/key-format.js';
import { buildKey, buildMember, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

const run = promisify(execFile);
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ env: { LICENSING_RATE_PER_IP: '100000', LICENSING_RATE_PER_KEY: '100000', KEY_RELEASE_COOLDOWN_MINUTES: '0' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(() => t.close());

const machine = (n: number | string) => ({ fingerprint: `machine-fingerprint-${n}`, hostname: `host-${n}`, os: 'Debian 12' });

async function customerKey(seats = 3) {
  const { user, account } = await buildMember(t.db, { role: 'admin' });
  const key = await buildKey(t.db, { accountId: account.id, seats });
  return { user, account, ...key };
}

describe('the licensing API through the reference client', () => {
  it('activates, validates (last seen, last used version) and deactivates; certificates verify offline', async () => {
    const { licenseKey, keyId } = await customerKey();
    const client = createLicenseClient({ baseUrl });
    const answer = await client.activate(licenseKey, machine(1), '2026.1');
    expect(answer.license).toMatchObject({ status: 'active', seats: 3, maintenance: { status: 'active' } });
    const keys = await client.publicKeys();
    const verified = verifyLicense(answer.certificate, keys, machine(1).fingerprint);
    expect(verified).toMatchObject({ valid: true, payload: { keyId, fingerprint: machine(1).fingerprint, method: 'online' } });
    expect(answer.certificate).not.toContain(licenseKey);

    await client.validate(licenseKey, machine(1), '2026.3');
    const row = await t.db.selectFrom('product_keys').select(['last_used_version', 'last_seen_at']).where('id', '=', keyId).executeTakeFirstOrThrow();
    expect(row.last_used_version).toBe('2026.3');
    expect(row.last_seen_at).not.toBeNull();

    await client.deactivate(licenseKey, machine(1).fingerprint);
    await expect(client.validate(licenseKey, machine(1))).rejects.toMatchObject({ status: 404, code: 'license.not_activated' });
    await expect(client.deactivate(licenseKey, 'some-other-machine')).rejects.toMatchObject({ code: 'license.not_activated' });
    const history = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', keyId).execute();
    expect(history.map((e) => e.action)).toEqual(['key.activated', 'key.deactivated']);
  });

  it('holds the seat limit under concurrency: 100 parallel activations on 3 seats give exactly 3', async () => {
    const { licenseKey, keyId } = await customerKey(3);
    const client = createLicenseClient({ baseUrl });
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => client.activate(licenseKey, machine(`race-${i}`))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as LicensingError);
    expect(ok).toHaveLength(3);
    expect(refused.every((e) => e.code === 'license.no_seats_left')).toBe(true);
    const active = await t.db.selectFrom('activations').select('id').where('key_id', '=', keyId).where('status', '=', 'active').execute();
    expect(active).toHaveLength(3);
  });

  it('re-activating the same machine keeps its seat', async () => {
    const { licenseKey, keyId } = await customerKey(1);
    const client = createLicenseClient({ baseUrl });
    await client.activate(licenseKey, machine('same'));
    await client.activate(licenseKey, machine('same'), '2026.2');
    await expect(client.activate(licenseKey, machine('other'))).rejects.toMatchObject({ code: 'license.no_seats_left' });
    expect(await t.db.selectFrom('activations').select('id').where('key_id', '=', keyId).execute()).toHaveLength(1);
  });

  it('answers unknown, malformed, suspended and revoked keys identically', async () => {
    const { account } = await buildMember(t.db, { role: 'admin' });
    const suspended = (await buildKey(t.db, { accountId: account.id, status: 'suspended' })).licenseKey;
    const revoked = (await buildKey(t.db, { accountId: account.id, status: 'revoked' })).licenseKey;
    const bodies = [];
    for (const key of [generateLicenseKey(), 'not a key', 'x'.repeat(39), suspended, revoked]) {
      const res = await fetch(`${baseUrl}/api/v1/licensing/activate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, fingerprint: 'machine-fingerprint-x' }) });
      bodies.push({ status: res.status, body: await res.json() });
    }
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ status: 403, body: { code: 'license.invalid_key' } });
    const tooLong = await fetch(`${baseUrl}/api/v1/licensing/activate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'x'.repeat(100), fingerprint: 'machine-fingerprint-x' }) });
    expect(tooLong.status).toBe(400);
  });

  it('refuses a certificate used as a key, and an expired subscription', async () => {
    const { licenseKey, account } = await customerKey();
    const client = createLicenseClient({ baseUrl });
    const { certificate } = await client.activate(licenseKey, machine('cert'));
    await expect(client.activate(certificate.slice(0, 39), machine('cert2'))).rejects.toMatchObject({ code: 'license.invalid_key' });
    const expired = (await buildKey(t.db, { accountId: account.id, validUntil: new Date(Date.now() - 1000).toISOString() })).licenseKey;
    await expect(client.activate(expired, machine('late'))).rejects.toMatchObject({ code: 'license.expired' });
  });

  it('counts every one of 60 concurrent validations of one key it lets through (written in batches) and refuses those over the limit', async () => {
    const limited = await createTestApp({ env: { LICENSING_RATE_PER_IP: '100000', LICENSING_RATE_PER_KEY: '20' } });
    try {
      const { account } = await buildMember(limited.db, { role: 'admin' });
      const { licenseKey, keyId } = await buildKey(limited.db, { accountId: account.id, seats: 2 });
      const activated = await limited.app.inject({ method: 'POST', url: '/api/v1/licensing/activate', payload: { key: licenseKey, ...machine('batch'), version: '2026.1' } });
      expect(activated.statusCode).toBe(200);
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          limited.app.inject({ method: 'POST', url: '/api/v1/licensing/validate', payload: { key: licenseKey, fingerprint: machine('batch').fingerprint, version: `2026.${(i % 3) + 2}` } }),
        ),
      );
      const ok = answers.filter((a) => a.statusCode === 200).length;
      const refused = answers.filter((a) => a.statusCode === 429);
      // 20 per one-minute window (the activation took one); the run may straddle a window boundary.
      expect(ok + refused.length).toBe(60);
      expect(ok).toBeGreaterThanOrEqual(19);
      expect(ok).toBeLessThanOrEqual(40);
      for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      // Every call let through is counted (with the activation's hit). Once a batch has seen the key
      // over its limit, later calls in that window are refused in memory, before the database.
      const hits = await limited.db.selectFrom('rate_counters').select('hits').where('bucket', '=', `lic-key:${keyId}`).execute();
      const counted = hits.reduce((n, h) => n + Number(h.hits), 0);
      expect(counted).toBeGreaterThanOrEqual(ok + 1);
      expect(counted).toBeLessThanOrEqual(61);
      const row = await limited.db.selectFrom('activations').select(['software_version', 'last_seen_at']).where('key_id', '=', keyId).executeTakeFirstOrThrow();
      expect(['2026.2', '2026.3', '2026.4']).toContain(row.software_version);
      const key = await limited.db.selectFrom('product_keys').select(['last_used_version']).where('id', '=', keyId).executeTakeFirstOrThrow();
      expect(['2026.2', '2026.3', '2026.4']).toContain(key.last_used_version);
    } finally {
      await limited.close();
    }
  });

  it('finds nothing in 10,000 random keys, and rate-limits a guesser', async () => {
    const limited = await createTestApp({ env: { LICENSING_RATE_PER_IP: '50' } });
    try {
      const statuses = new Map<number, number>();
      for (let i = 0; i < 10_000; i++) {
        const res = await limited.app.inject({ method: 'POST', url: '/api/v1/licensing/validate', payload: { key: generateLicenseKey(), fingerprint: 'guessing-machine' } });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (i === 60) expect(res.json().code).toBe('request.rate_limited');
      }
      expect(statuses.get(200) ?? 0).toBe(0);
      // 50 per one-minute window; the run may straddle a window boundary.
      expect([50, 100]).toContain(statuses.get(403));
      expect((statuses.get(429) ?? 0) + (statuses.get(403) ?? 0)).toBe(10_000);
    } finally {
      await limited.close();
    }
  }, 300_000);
});

describe('offline activation in the portal', () => {
  it('round-trips: request file in, licence file out, verified offline; then an offline deactivation frees the seat', async () => {
    const { licenseKey, keyId, user } = await customerKey(1);
    const cookie = await loginAs(t, user);
    const request = offlineActivationRequest(licenseKey, machine('airgap'), '2026.2');
    const res = await t.request({ method: 'POST', url: '/api/v1/licensing/offline', cookie, payload: { request: JSON.stringify(request) } });
    expect(res.statusCode).toBe(200);
    const licenseFile = readLicenseFile(JSON.stringify(res.json().data.licenseFile));
    const keys = await createLicenseClient({ baseUrl }).publicKeys();
    expect(verifyLicense(licenseFile.certificate, keys, machine('airgap').fingerprint)).toMatchObject({ valid: true, payload: { method: 'offline', keyId } });
    const history = (await t.request({ method: 'GET', url: `/api/v1/keys/${keyId}/activations`, cookie })).json().data;
    expect(history[0]).toMatchObject({ method: 'offline', activatedBy: { id: user.id }, softwareVersion: '2026.2' });

    const tampered = { ...request, hostname: 'evil' };
    expect((await t.request({ method: 'POST', url: '/api/v1/licensing/offline', cookie, payload: { request: JSON.stringify(tampered) } })).json().code).toBe('license.bad_request_file');

    const forged = offlineDeactivationRequest(licenseKey, machine('airgap'), `${licenseFile.certificate.slice(0, -4)}AAAA`);
    expect((await t.request({ method: 'POST', url: '/api/v1/licensing/offline', cookie, payload: { request: JSON.stringify(forged) } })).json().code).toBe('license.bad_certificate');
    const give = offlineDeactivationRequest(licenseKey, machine('airgap'), licenseFile.certificate);
    const back = await t.request({ method: 'POST', url: '/api/v1/licensing/offline', cookie, payload: { request: JSON.stringify(give) } });
    expect(back.json().data.kind).toBe('deactivation');
    await createLicenseClient({ baseUrl }).activate(licenseKey, machine('next'));
  });

  it('reads another account’s key as not found', async () => {
    const { licenseKey } = await customerKey();
    const stranger = (await buildMember(t.db, { role: 'admin' })).user;
    const request = offlineActivationRequest(licenseKey, machine('x'), '2026.2');
    const res = await t.request({ method: 'POST', url: '/api/v1/licensing/offline', cookie: await loginAs(t, stranger), payload: { request: JSON.stringify(request) } });
    expect(res.statusCode).toBe(404);
  });

  it('a seat released in the portal is free for the CLI again', { timeout: 120_000 }, async () => {
    const { licenseKey, keyId, user } = await customerKey(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-cli-'));
    const cli = (args: string[]) => run(path.resolve('node_modules/.bin/tsx'), ['src/client/cli.ts', ...args], { cwd: path.resolve('.') });
    await cli(['activate', '--server', baseUrl, '--key', licenseKey, '--fingerprint', 'cli-machine-one', '--out', path.join(dir, 'one.json')]);
    const verified = await cli(['verify', '--server', baseUrl, '--license', path.join(dir, 'one.json'), '--fingerprint', 'cli-machine-one']);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, keyId });
    await expect(cli(['activate', '--server', baseUrl, '--key', licenseKey, '--fingerprint', 'cli-machine-two'])).rejects.toMatchObject({ stderr: expect.stringContaining('license.no_seats_left') });
    const cookie = await loginAs(t, user);
    const [activation] = (await t.request({ method: 'GET', url: `/api/v1/keys/${keyId}/activations`, cookie })).json().data;
    expect((await t.request({ method: 'POST', url: `/api/v1/keys/${keyId}/activations/${activation.id}/release`, cookie })).statusCode).toBe(200);
    await cli(['activate', '--server', baseUrl, '--key', licenseKey, '--fingerprint', 'cli-machine-two', '--out', path.join(dir, 'two.json')]);
    expect(readLicenseFile(fs.readFileSync(path.join(dir, 'two.json'), 'utf8')).certificate).toMatch(/^PL1\./);
    fs.rmSync(dir, { recursive: true });
  });
});
