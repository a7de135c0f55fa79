import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildKey, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { buildRelease } from '../../../test-support/release-factories.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test-support/test-app.js';
import { randomFile, tusUpload } from '../../../test-support/tus-client.js';
import { filesService } from '../../files/files.usecases.js';

let t: TestApp;
let base: string;
let tmp: string;

beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_MAX_FILE_BYTES: String(8 * 1024 * 1024), UPLOAD_ACCOUNT_QUOTA_BYTES: String(8 * 1024 * 1024) } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-release-src-'));
});
afterAll(async () => {
  t.app.server.closeAllConnections();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const DAY = 86_400_000;

async function world() {
  const account = await buildAccount(t.db);
  const subscriber = (await buildMember(t.db, { account, role: 'member', name: 'Sina Subscriber', email: `sina-${crypto.randomUUID()}@example.test` })).user;
  const quiet = (await buildMember(t.db, { account, role: 'member', name: 'Quentin Quiet' })).user;
  const lapsed = (await buildMember(t.db, { account, role: 'member', name: 'Lea Lapsed', email: `lea-${crypto.randomUUID()}@example.test` })).user;
  const stranger = (await buildMember(t.db, { account, role: 'member', name: 'Stan Stranger', email: `stan-${crypto.randomUUID()}@example.test` })).user;
  const { productId } = await buildProduct(t.db, { name: `Portico Desktop ${crypto.randomUUID().slice(0, 6)}` });
  const key = await buildKey(t.db, { accountId: account.id, productId, assignedUserId: subscriber.id });
  await buildKey(t.db, { accountId: account.id, productId, assignedUserId: quiet.id });
  await buildKey(t.db, { accountId: account.id, productId, assignedUserId: lapsed.id, maintenanceEnd: new Date(Date.now() - 30 * DAY).toISOString() });
  const release = (await buildStaff(t.db, { staffRole: 'release' })).user;
  const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
  const cookies = {
    subscriber: await loginAs(t, subscriber), quiet: await loginAs(t, quiet), lapsed: await loginAs(t, lapsed), stranger: await loginAs(t, stranger),
    release: await loginAs(t, release), agent: await loginAs(t, agent),
  };
  // Sina, Lea and Stan opted in to release mails; Quentin did not (the default).
  for (const who of ['subscriber', 'lapsed', 'stranger'] as const) {
    const res = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie: cookies[who], payload: { notificationPrefs: { releaseNotes: true } } });
    expect(res.statusCode).toBe(200);
  }
  return { account, subscriber, quiet, lapsed, stranger, productId, key, cookies };
}

const staff = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.request({ method, url: `/api/v1/staff/releases${url}`, cookie, ...(payload !== undefined ? { payload: payload as object } : {}), headers });

const upload = (cookie: string, file: string, metadata: Record<string, string>) => tusUpload({ endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie, file, metadata });

describe('the staff release centre', () => {
  it('creates a draft, takes a file through tus with its SHA-256, publishes it, and mails the subscribers whose maintenance covers it', async () => {
    const w = await world();
    const created = await staff(w.cookies.release, 'POST', '', { productId: w.productId, version: '2026.5', channel: 'stable', notes: '## Neu\n- Schneller' });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json().data;
    expect(r).toMatchObject({ status: 'draft', version: '2026.5', publishedAt: null, abilities: { publish: false, delete: true } });
    expect(r.notesHtml).toContain('<h2>Neu</h2>');

    // A draft is no customer's business.
    const before = (await t.request({ method: 'GET', url: '/api/v1/downloads', cookie: w.cookies.subscriber })).json().data;
    expect(before[0].releases.map((x: { version: string }) => x.version)).not.toContain('2026.5');

    const file = path.join(tmp, 'portico-2026.5-linux-x64.tar.gz');
    const sha256 = randomFile(file, 3 * 1024 * 1024 + 17);
    const run = await upload(w.cookies.release, file, { releaseId: r.id, platform: 'linux', arch: 'x64', filename: 'portico-2026.5-linux-x64.tar.gz' });
    expect(run.error).toBeNull();
    expect(run.sha256).toBe(sha256);
    expect(run.attachmentId).toMatch(/^art_/);
    const withFile = (await staff(w.cookies.release, 'GET', `/${r.id}`)).json().data;
    expect(withFile.artifacts).toMatchObject([{ id: run.attachmentId, platform: 'linux', arch: 'x64', size: 3 * 1024 * 1024 + 17, sha256 }]);
    // Moved out of the tus area to the release's own key.
    const dir = (t.config.files.storage as { directory: string }).directory;
    expect(fs.existsSync(path.join(dir, 'releases', run.attachmentId!))).toBe(true);
    // The same name twice in a release is refused before a byte is stored.
    const again = await upload(w.cookies.release, file, { releaseId: r.id, platform: 'linux', arch: 'x64', filename: 'portico-2026.5-linux-x64.tar.gz' });
    expect(again.error?.originalResponse?.getStatus()).toBe(400);

    const sig = await t.request({
      method: 'PUT', url: `/api/v1/staff/releases/${r.id}/artifacts/${run.attachmentId}/signature?fileName=portico-2026.5-linux-x64.tar.gz.asc`, cookie: w.cookies.release,
      payload: Buffer.from('-----BEGIN PGP SIGNATURE-----\nxyz\n-----END PGP SIGNATURE-----\n'), headers: { 'content-type': 'application/octet-stream' },
    });
    expect(sig.statusCode, sig.body).toBe(204);

    const noIfMatch = await staff(w.cookies.release, 'POST', `/${r.id}/publish`, { notify: true });
    expect(noIfMatch.statusCode).toBe(428);
    const stale = await staff(w.cookies.release, 'POST', `/${r.id}/publish`, { notify: true }, { 'if-match': `"${withFile.revision + 5}"` });
    expect(stale.statusCode).toBe(412);
    const published = await staff(w.cookies.release, 'POST', `/${r.id}/publish`, { notify: true }, { 'if-match': `"${withFile.revision}"` });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().data).toMatchObject({ status: 'published', abilities: { unpublish: true, delete: false, editVersion: false } });

    // The key page's "latest version" follows the newest published stable release.
    const latest = async () => (await t.request({ method: 'GET', url: `/api/v1/keys/${w.key.keyId}`, cookie: w.cookies.subscriber })).json().data.product.latestVersion;
    expect(await latest()).toBe('2026.5');

    expect(await t.worker.drain()).toBeGreaterThanOrEqual(1);
    const mails = await t.db.selectFrom('mails').select(['to_address', 'subject', 'text_body']).where('account_id', '=', w.account.id).where('subject', 'like', '%2026.5%').execute();
    // Only the opted-in user with a covering key: not the one who did not opt in, not the lapsed key, not the user without a key.
    expect(mails.map((m) => m.to_address)).toEqual([w.subscriber.email]);
    expect(mails[0]!.subject).toContain('Neue Version');
    expect(mails[0]!.text_body).toContain('/downloads');

    // The subscriber downloads exactly what was uploaded, and its signature.
    const list = (await t.request({ method: 'GET', url: '/api/v1/downloads', cookie: w.cookies.subscriber })).json().data;
    const rel = list[0].releases[0];
    expect(rel).toMatchObject({ version: '2026.5', coverage: { covered: true } });
    expect(rel.artifacts[0].signature).toMatchObject({ fileName: 'portico-2026.5-linux-x64.tar.gz.asc' });
    const { url } = (await t.request({ method: 'POST', url: `/api/v1/downloads/${run.attachmentId}/link`, cookie: w.cookies.subscriber })).json().data;
    const got = await fetch(`${base}${url}`, { headers: { Cookie: w.cookies.subscriber } });
    expect(got.status).toBe(200);
    expect(crypto.createHash('sha256').update(Buffer.from(await got.arrayBuffer())).digest('hex')).toBe(sha256);
    const lapsedView = (await t.request({ method: 'GET', url: '/api/v1/downloads', cookie: w.cookies.lapsed })).json().data;
    expect(lapsedView[0].releases[0]).toMatchObject({ version: '2026.5', coverage: { covered: false, reason: 'maintenance_ended' } });

    // Unpublished: gone for customers, and the link issued before stops working.
    const current = (await staff(w.cookies.release, 'GET', `/${r.id}`)).json().data;
    const back = await staff(w.cookies.release, 'POST', `/${r.id}/unpublish`, undefined, { 'if-match': `"${current.revision}"` });
    expect(back.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url, cookie: w.cookies.subscriber })).statusCode).toBe(404);
    // Taken back, it is no one's latest version any more (the factory's hand-set 2026.3 was replaced on publishing).
    expect(await latest()).toBeNull();
  });

  it('keeps versions unique per product, refuses to publish a release without files, edits notes under If-Match, deletes drafts with their files', async () => {
    const w = await world();
    const first = await staff(w.cookies.release, 'POST', '', { productId: w.productId, version: '3.0', channel: 'preview' });
    expect(first.statusCode).toBe(201);
    const dup = await staff(w.cookies.release, 'POST', '', { productId: w.productId, version: '3.0', channel: 'stable' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('release.version_taken');
    const bad = await staff(w.cookies.release, 'POST', '', { productId: w.productId, version: '../3.1', channel: 'stable' });
    expect(bad.statusCode).toBe(400);
    const id = first.json().data.id;
    const empty = await staff(w.cookies.release, 'POST', `/${id}/publish`, {}, { 'if-match': '"1"' });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('release.no_artifacts');
    const edited = await staff(w.cookies.release, 'PATCH', `/${id}`, { notes: 'Vorschau: **neu**' }, { 'if-match': '"1"' });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json().data.notesHtml).toContain('<strong>neu</strong>');
    const lost = await staff(w.cookies.release, 'PATCH', `/${id}`, { notes: 'lost update' }, { 'if-match': '"1"' });
    expect(lost.statusCode).toBe(412);

    const withFiles = await buildRelease(t, { productId: w.productId, version: '3.2', publishedAt: null, artifacts: [{ platform: 'windows', arch: 'arm64', signature: Buffer.from('s') }] });
    const { storage } = filesService(t.app.deps);
    const key = `releases/${withFiles.artifacts[0]!.id}`;
    expect(await storage.size(key)).toBe(4096);
    expect((await staff(w.cookies.release, 'DELETE', `/${withFiles.releaseId}`)).statusCode).toBe(204);
    expect(await storage.size(key)).toBeNull();
    expect(await t.db.selectFrom('release_artifacts').select('id').where('release_id', '=', withFiles.releaseId).execute()).toEqual([]);
    const publishedOne = await buildRelease(t, { productId: w.productId, version: '3.3' });
    const refused = await staff(w.cookies.release, 'DELETE', `/${publishedOne.releaseId}`);
    expect(refused.statusCode).toBe(409);
  });

  it('keeps release files away from customers and case staff: tus refuses their artifact uploads like an unknown release', async () => {
    const w = await world();
    const { releaseId } = await buildRelease(t, { productId: w.productId, version: '4.0', publishedAt: null });
    const file = path.join(tmp, 'small.bin');
    randomFile(file, 1000);
    for (const who of ['subscriber', 'agent'] as const) {
      const run = await upload(w.cookies[who], file, { releaseId, platform: 'linux', arch: 'x64', filename: 'evil.bin' });
      expect(run.error?.originalResponse?.getStatus(), who).toBe(400);
      expect(run.error?.originalResponse?.getBody(), who).toContain('unknown_release');
    }
    const wrongPlatform = await upload(w.cookies.release, file, { releaseId, platform: 'beos', arch: 'x64', filename: 'x.bin' });
    expect(wrongPlatform.error?.originalResponse?.getStatus()).toBe(400);
    expect((await staff(w.cookies.subscriber, 'GET', '')).statusCode).toBe(404);
    expect((await staff(w.cookies.agent, 'GET', '')).statusCode).toBe(403);
  });
});
