import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildKey, buildKeyGroup, buildMember, buildProduct, buildStaff, loginAs, manageKeyGroup } from '../../../test-support/factories.js';
import { buildRelease } from '../../../test-support/release-factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { signLink } from '../download-links.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** Account A: a member with a key of product P (maintenance running), a member whose key of P ended 60 days ago, an admin; product Q has releases but no key in A. */
async function world() {
  const account = await buildAccount(t.db);
  const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member' })).user;
  const lapsed = (await buildMember(t.db, { account, role: 'member', name: 'Lars Lapsed' })).user;
  const flagged = (await buildMember(t.db, { account, role: 'member', downloads: true })).user;
  const plain = (await buildMember(t.db, { account, role: 'member' })).user;
  const manager = (await buildMember(t.db, { account, role: 'key_manager' })).user;
  const admin = (await buildMember(t.db, { account, role: 'admin' })).user;
  const other = await buildAccount(t.db);
  const otherAdmin = (await buildMember(t.db, { account: other, role: 'admin' })).user;
  const { productId: p } = await buildProduct(t.db, { name: 'Portico Desktop' });
  const { productId: q } = await buildProduct(t.db, { name: 'Portico Server' });
  const g = await buildKeyGroup(t.db, account.id);
  await manageKeyGroup(t.db, { userId: manager.id, accountId: account.id, keyGroupId: g });
  const memberKey = await buildKey(t.db, { accountId: account.id, productId: p, assignedUserId: member.id });
  const lapsedEnd = ago(60);
  const lapsedKey = await buildKey(t.db, { accountId: account.id, productId: p, assignedUserId: lapsed.id, maintenanceEnd: lapsedEnd });
  await buildKey(t.db, { accountId: account.id, productId: p, keyGroupId: g });
  const old = await buildRelease(t, { productId: p, version: '2026.1', publishedAt: ago(90), notes: '# Neu\n<script>alert(1)</script>', artifacts: [{ platform: 'linux', arch: 'x64' }, { platform: 'windows', arch: 'x64', signature: Buffer.from('-----BEGIN PGP SIGNATURE-----\nabc\n') }] });
  const recent = await buildRelease(t, { productId: p, version: '2026.2', publishedAt: ago(10), artifacts: [{ platform: 'linux', arch: 'x64', content: crypto.randomBytes(100_000) }, { platform: 'macos', arch: 'arm64' }] });
  const draft = await buildRelease(t, { productId: p, version: '2026.3', publishedAt: null });
  const foreign = await buildRelease(t, { productId: q, version: '9.0', publishedAt: ago(5) });
  const cookies = {
    member: await loginAs(t, member), lapsed: await loginAs(t, lapsed), flagged: await loginAs(t, flagged), plain: await loginAs(t, plain),
    manager: await loginAs(t, manager), admin: await loginAs(t, admin), otherAdmin: await loginAs(t, otherAdmin),
  };
  return { account, member, lapsed, lapsedKey, lapsedEnd, admin, p, q, memberKey, old, recent, draft, foreign, cookies };
}

type World = Awaited<ReturnType<typeof world>>;

const list = async (cookie: string) => {
  const res = await t.request({ method: 'GET', url: '/api/v1/downloads', cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { product: { id: string; name: string }; releases: { id: string; version: string; coverage: { covered: boolean; reason?: string; maintenanceEnd?: string | null }; notesHtml: string; artifacts: { id: string; sha256: string; signature: unknown }[] }[] }[];
};
const link = (cookie: string, artifactId: string) => t.request({ method: 'POST', url: `/api/v1/downloads/${artifactId}/link`, cookie });
async function linkUrl(cookie: string, artifactId: string) {
  const res = await link(cookie, artifactId);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.url as string;
}

describe('the downloads page', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('lists the products of the keys a member holds, published releases newest first, drafts and other products never', async () => {
    const data = await list(w.cookies.member);
    expect(data.map((d) => d.product.name)).toEqual(['Portico Desktop']);
    expect(data[0]!.releases.map((r) => r.version)).toEqual(['2026.2', '2026.1']);
    expect(data[0]!.releases.every((r) => r.coverage.covered)).toBe(true);
    const old = data[0]!.releases[1]!;
    expect(old.artifacts.map((a) => a.sha256).sort()).toEqual(w.old.artifacts.map((a) => a.sha256).sort());
    // Notes are sanitised: raw HTML is escaped, never passed through.
    expect(old.notesHtml).toContain('<h1>Neu</h1>');
    expect(old.notesHtml).not.toContain('<script>');
    expect(old.artifacts.find((a) => a.signature)).toBeDefined();
  });

  it("shows a release published after a key's maintenance end as not covered, with the date, and earlier ones as covered", async () => {
    const releases = (await list(w.cookies.lapsed))[0]!.releases;
    expect(releases.find((r) => r.version === '2026.2')!.coverage).toEqual({ covered: false, reason: 'maintenance_ended', maintenanceEnd: w.lapsedEnd });
    expect(releases.find((r) => r.version === '2026.1')!.coverage).toEqual({ covered: true });
    expect(releases.find((r) => r.version === '2026.2')).toMatchObject({ abilities: { download: false, requestRenewal: true }, renewalKeyId: w.lapsedKey.keyId });
    expect(releases.find((r) => r.version === '2026.1')).toMatchObject({ abilities: { download: true, requestRenewal: false }, renewalKeyId: null });
  });

  it('gives admins and the downloads flag every product the account holds keys for; key managers their groups; others nothing', async () => {
    for (const who of ['admin', 'flagged', 'manager'] as const) {
      const data = await list(w.cookies[who]);
      expect(data.map((d) => d.product.name), who).toEqual(['Portico Desktop']);
      // The member's running key covers the newest release for those who see all keys of the account.
      expect(data[0]!.releases[0]!.coverage.covered, who).toBe(true);
    }
    expect(await list(w.cookies.plain)).toEqual([]);
    expect(await list(w.cookies.otherAdmin)).toEqual([]);
  });

  it('shows the Downloads area to those who may download: the flag, admins, or a key of their own or of their groups', async () => {
    const areas = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data.areas as string[];
    for (const who of ['member', 'lapsed', 'flagged', 'manager', 'admin', 'otherAdmin'] as const) expect(await areas(w.cookies[who]), who).toContain('downloads');
    expect(await areas(w.cookies.plain)).not.toContain('downloads');
  });
});

describe('downloading a file', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('serves the file through a short-lived link with its length, disposition and checksum, resumes with Range, and records the download', async () => {
    const a = w.recent.artifacts[0]!;
    const res = await link(w.cookies.member, a.id);
    expect(res.statusCode).toBe(200);
    const { url, expiresAt } = res.json().data;
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const full = await t.request({ method: 'GET', url, cookie: w.cookies.member, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-length']).toBe(String(a.content.length));
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['content-disposition']).toBe(`attachment; filename="${a.fileName}"; filename*=UTF-8''${a.fileName}`);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(crypto.createHash('sha256').update(full.rawPayload).digest('hex')).toBe(a.sha256);

    const part = await t.request({ method: 'GET', url, cookie: w.cookies.member, headers: { range: 'bytes=50000-' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 50000-99999/${a.content.length}`);
    expect(Buffer.compare(part.rawPayload, a.content.subarray(50000))).toBe(0);

    const beyond = await t.request({ method: 'GET', url, cookie: w.cookies.member, headers: { range: 'bytes=100000-' } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${a.content.length}`);
    expect(beyond.rawPayload.length).toBeLessThan(1000);

    // One download (the resumption is the same download), in the account's activity with who, what and where from.
    const events = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'download.fetched').where('account_id', '=', w.account.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: w.member.id, target_id: a.id, ip: '127.0.0.1' });
    const activity = await t.request({ method: 'GET', url: '/api/v1/account/activity', cookie: w.cookies.admin });
    expect(activity.body).toContain('download.fetched');
    expect(activity.body).toContain(a.fileName);
  });

  it('answers the checksum in sha256sum format and the detached signature beside the file', async () => {
    const a = w.old.artifacts[1]!;
    const sum = await t.request({ method: 'GET', url: `/api/v1/downloads/${a.id}/sha256`, cookie: w.cookies.member });
    expect(sum.statusCode).toBe(200);
    expect(sum.headers['content-type']).toMatch(/^text\/plain/);
    expect(sum.body).toBe(`${a.sha256}  ${a.fileName}\n`);
    const sig = await t.request({ method: 'GET', url: `/api/v1/downloads/${a.id}/signature`, cookie: w.cookies.member });
    expect(sig.statusCode).toBe(200);
    expect(sig.body).toContain('BEGIN PGP SIGNATURE');
    expect(sig.headers['content-disposition']).toContain(`${a.fileName}.sig`);
    const none = await t.request({ method: 'GET', url: `/api/v1/downloads/${w.old.artifacts[0]!.id}/signature`, cookie: w.cookies.member });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('download.no_signature');
  });

  it('refuses an uncovered release with the reason, both for the link and for a hand-made valid link', async () => {
    const a = w.recent.artifacts[0]!;
    const res = await link(w.cookies.lapsed, a.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('download.not_covered');
    expect(res.json().detail).toContain(w.lapsedEnd.slice(0, 10));
    const { expires, sig } = signLink(t.config.downloads.linkSecret, { artifactId: a.id, userId: w.lapsed.id, accountId: w.account.id }, { seconds: 60 });
    const fetched = await t.request({ method: 'GET', url: `/api/v1/downloads/${a.id}/content?expires=${expires}&sig=${sig}`, cookie: w.cookies.lapsed });
    expect(fetched.statusCode).toBe(403);
    expect(fetched.json().code).toBe('download.not_covered');
    // The release before the maintenance end stays theirs.
    expect((await link(w.cookies.lapsed, w.old.artifacts[0]!.id)).statusCode).toBe(200);
  });

  it('refuses expired, tampered and other users\' links, and serves nothing', async () => {
    const a = w.recent.artifacts[0]!;
    const downloads = () => t.db.selectFrom('audit_events').select('id').where('action', '=', 'download.fetched').where('account_id', '=', w.account.id).execute();
    const before = (await downloads()).length;
    const url = await linkUrl(w.cookies.member, a.id);
    const u = new URL(url, 'http://x');
    const sig = u.searchParams.get('sig')!;
    const expires = Number(u.searchParams.get('expires'));
    const expect403 = async (target: string, cookie: string, code: string) => {
      const res = await t.request({ method: 'GET', url: target, cookie });
      expect(res.statusCode, target).toBe(403);
      expect(res.json().code, target).toBe(code);
      expect(res.headers['content-disposition']).toBeUndefined();
    };
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    await expect403(`/api/v1/downloads/${a.id}/content?expires=${expires}&sig=${flipped}`, w.cookies.member, 'download.link_invalid');
    await expect403(`/api/v1/downloads/${a.id}/content?expires=${expires + 3600}&sig=${sig}`, w.cookies.member, 'download.link_invalid');
    // Another file with this file's signature.
    await expect403(`/api/v1/downloads/${w.recent.artifacts[1]!.id}/content?expires=${expires}&sig=${sig}`, w.cookies.member, 'download.link_invalid');
    // Someone else (same account, same entitlement) with the member's link.
    await expect403(url, w.cookies.admin, 'download.link_invalid');
    const past = signLink(t.config.downloads.linkSecret, { artifactId: a.id, userId: w.member.id, accountId: w.account.id }, { now: Date.now() - 10 * 60_000, seconds: 300 });
    await expect403(`/api/v1/downloads/${a.id}/content?expires=${past.expires}&sig=${past.sig}`, w.cookies.member, 'download.link_expired');
    // A link that would live longer than 5 minutes was not made by Portico.
    const long = signLink(t.config.downloads.linkSecret, { artifactId: a.id, userId: w.member.id, accountId: w.account.id }, { seconds: 3600 });
    await expect403(`/api/v1/downloads/${a.id}/content?expires=${long.expires}&sig=${long.sig}`, w.cookies.member, 'download.link_invalid');
    const missing = await t.request({ method: 'GET', url: `/api/v1/downloads/${a.id}/content`, cookie: w.cookies.member });
    expect(missing.statusCode).toBe(400);
    const anonymous = await t.request({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    expect(await downloads()).toHaveLength(before);
  });

  it('checks the entitlement again on the fetch: a key taken away between link and download ends it', async () => {
    const a = w.recent.artifacts[0]!;
    const url = await linkUrl(w.cookies.member, a.id);
    await t.db.updateTable('product_keys').set({ assigned_user_id: null }).where('id', '=', w.memberKey.keyId).execute();
    try {
      const res = await t.request({ method: 'GET', url, cookie: w.cookies.member });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.db.updateTable('product_keys').set({ assigned_user_id: w.member.id }).where('id', '=', w.memberKey.keyId).execute();
    }
  });

  it('answers 404 for a product without a key, a draft, another account, and path-like or unknown ids', async () => {
    expect((await link(w.cookies.member, w.foreign.artifacts[0]!.id)).statusCode).toBe(404);
    expect((await link(w.cookies.member, w.draft.artifacts[0]!.id)).statusCode).toBe(404);
    expect((await link(w.cookies.otherAdmin, w.recent.artifacts[0]!.id)).statusCode).toBe(404);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'art_..', `art_${'a'.repeat(26)}%00`, `..%2Freleases%2F${w.recent.artifacts[0]!.id}`, `art_${'a'.repeat(26)}`]) {
      for (const suffix of ['link', 'content?expires=1&sig=x', 'sha256', 'signature']) {
        const res = await t.request({ method: suffix === 'link' ? 'POST' : 'GET', url: `/api/v1/downloads/${id}/${suffix}`, cookie: w.cookies.member });
        expect(res.statusCode, `${id}/${suffix}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${id}/${suffix}`).toBeLessThan(500);
        expect(res.headers['content-disposition'], `${id}/${suffix}`).toBeUndefined();
      }
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/downloads/${w.foreign.artifacts[0]!.id}/sha256`, cookie: w.cookies.member })).statusCode).toBe(404);
  });

  it('is for customers: staff get 403 and never a file', async () => {
    const agent = (await buildStaff(t.db, { staffRole: 'admin' })).user;
    const cookie = await loginAs(t, agent);
    expect((await t.request({ method: 'GET', url: '/api/v1/downloads', cookie })).statusCode).toBe(403);
    expect((await link(cookie, w.recent.artifacts[0]!.id)).statusCode).toBe(403);
  });
});

describe('update hints on keys', () => {
  it('shows "N versions behind" with the file for the last platform on the key list, the key page and the dashboard', async () => {
    const account = await buildAccount(t.db);
    const member = (await buildMember(t.db, { account, role: 'member' })).user;
    const cookie = await loginAs(t, member);
    const { productId } = await buildProduct(t.db, { name: 'Portico Hints' });
    const { keyId } = await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id, maintenanceEnd: ago(20) });
    const upToDate = await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id });
    await t.db.updateTable('product_keys').set({ last_used_version: '5.0', last_seen_at: ago(1) }).where('id', '=', keyId).execute();
    await t.db.updateTable('product_keys').set({ last_used_version: '5.3', last_seen_at: ago(1) }).where('id', '=', upToDate.keyId).execute();
    await t.db
      .insertInto('activations')
      .values({ id: `act_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`, key_id: keyId, fingerprint: 'fp-hints', hostname: 'ws1', os: 'Windows 11 Pro', software_version: '5.0', method: 'online', status: 'active', activated_at: ago(40), activated_by_user_id: null, last_seen_at: ago(1), deactivated_at: null, deactivation: null, deactivated_by_user_id: null })
      .execute();
    await buildRelease(t, { productId, version: '5.0', publishedAt: ago(100) });
    await buildRelease(t, { productId, version: '5.1', publishedAt: ago(80), channel: 'preview' });
    const r52 = await buildRelease(t, { productId, version: '5.2', publishedAt: ago(60), artifacts: [{ platform: 'linux', arch: 'x64' }, { platform: 'windows', arch: 'x64' }] });
    await buildRelease(t, { productId, version: '5.3', publishedAt: ago(10) });

    const expected = { behind: 1, latest: { releaseId: r52.releaseId, version: '5.2', channel: 'stable' }, artifact: { id: r52.artifacts[1]!.id, platform: 'windows', arch: 'x64' } };
    const keys = (await t.request({ method: 'GET', url: '/api/v1/keys', cookie })).json().data;
    expect(keys.find((k: { id: string }) => k.id === keyId).updateHint).toMatchObject(expected);
    expect(keys.find((k: { id: string }) => k.id === upToDate.keyId).updateHint).toBeNull();
    const page = (await t.request({ method: 'GET', url: `/api/v1/keys/${keyId}`, cookie })).json().data;
    expect(page.updateHint).toMatchObject(expected);
    expect(page.updateAvailable).toBe(true);
    const dashboard = await t.request({ method: 'GET', url: '/api/v1/downloads/updates', cookie });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.json()).toMatchObject({ total: 1, data: [{ key: { id: keyId, lastUsedVersion: '5.0', product: { name: 'Portico Hints' } }, hint: expected }] });
    // The hinted file is really theirs to download.
    expect((await link(cookie, r52.artifacts[1]!.id)).statusCode).toBe(200);
  });
});
