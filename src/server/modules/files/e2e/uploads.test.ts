import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCase, buildMember, buildStaff, loginAs } from '../../../test-support/factories.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test-support/test-app.js';
import { randomFile, tusUpload } from '../../../test-support/tus-client.js';
import { cleanupUploads, filesService } from '../files.usecases.js';

let t: TestApp;
let base: string;
let tmp: string;
const MAX = 4 * 1024 * 1024;
const QUOTA = 6 * 1024 * 1024;

beforeAll(async () => {
  t = await createTestApp({ env: { SUPPORT_EMAIL: 'support@vendor.test', UPLOAD_MAX_FILE_BYTES: String(MAX), UPLOAD_ACCOUNT_QUOTA_BYTES: String(QUOTA) } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-upload-src-'));
});
afterAll(async () => {
  // Keep-alive sockets of the clients would hold the server open.
  t.app.server.closeAllConnections();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const filesDir = () => (t.config.files.storage as { directory: string }).directory;

async function world() {
  const account = await buildAccount(t.db);
  const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member' })).user;
  const colleague = (await buildMember(t.db, { account, role: 'member', name: 'Carl Colleague' })).user;
  const admin = (await buildMember(t.db, { account, role: 'admin', name: 'Ada Admin' })).user;
  const other = await buildAccount(t.db);
  const otherAdmin = (await buildMember(t.db, { account: other, role: 'admin' })).user;
  const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
  const { caseId } = await buildCase(t, { accountId: account.id, userId: member.id, subject: 'Export hangs' });
  const { caseId: otherCase } = await buildCase(t, { accountId: other.id, userId: otherAdmin.id });
  const cookies = {
    member: await loginAs(t, member), colleague: await loginAs(t, colleague), admin: await loginAs(t, admin),
    otherAdmin: await loginAs(t, otherAdmin), agent: await loginAs(t, agent),
  };
  return { account, member, colleague, admin, otherAdmin, agent, caseId, otherCase, cookies };
}

function file(name: string, size: number) {
  const p = path.join(tmp, `${Math.random().toString(36).slice(2)}-${name}`);
  return { path: p, sha256: randomFile(p, size) };
}

const upload = (cookie: string, p: string, metadata: Record<string, string>, extra: Partial<Parameters<typeof tusUpload>[0]> = {}) =>
  tusUpload({ endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie, file: p, metadata, ...extra });

/** A raw tus request over the real port (for what tus-js-client will not send). */
function raw(method: string, url: string, cookie: string | null, headers: Record<string, string> = {}, body?: Buffer) {
  return fetch(`${base}${url}`, {
    method,
    headers: { 'Tus-Resumable': '1.0.0', Origin: TEST_ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

const meta = (caseId: string, filename: string, extra: Record<string, string> = {}) =>
  `caseId ${Buffer.from(caseId).toString('base64')},filename ${Buffer.from(filename).toString('base64')}${Object.entries(extra).map(([k, v]) => `,${k} ${Buffer.from(v).toString('base64')}`).join('')}`;

describe('uploading a file to a case (tus)', () => {
  it('takes a file from tus-js-client and puts it on the case with its SHA-256, a timeline entry and a mail to support', async () => {
    const w = await world();
    const f = file('server.log', 1_500_000);
    const run = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: 'server.log', filetype: 'text/plain' }, { chunkSize: 256 * 1024 });
    expect(run.error, String(run.error)).toBeNull();
    expect(run.sha256).toBe(f.sha256);
    expect(run.attachmentId).toMatch(/^att_/);

    const list = await t.request({ method: 'GET', url: `/api/v1/cases/${w.caseId}/attachments`, cookie: w.cookies.member });
    expect(list.statusCode).toBe(200);
    const [a] = list.json().data;
    expect(a).toMatchObject({ id: run.attachmentId, fileName: 'server.log', size: 1_500_000, sha256: f.sha256, visibility: 'public', scanStatus: 'skipped', contentType: 'application/octet-stream' });
    expect(list.json().upload).toMatchObject({ allowed: true, maxFileBytes: MAX, visibilities: ['public'], endpoint: '/api/v1/uploads' });

    const timeline = (await t.request({ method: 'GET', url: `/api/v1/cases/${w.caseId}/comments`, cookie: w.cookies.member })).json().data;
    expect(timeline.find((e: { kind?: string }) => e.kind === 'attachment_added')).toMatchObject({ data: { attachmentId: run.attachmentId, fileName: 'server.log', sha256: f.sha256 } });
    const mail = await t.db.selectFrom('mails').selectAll().where('to_address', '=', 'support@vendor.test').where('subject', 'like', '%server.log%').executeTakeFirst();
    expect(mail?.text_body).toContain(f.sha256);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'attachment.added').where('target_id', '=', w.caseId).execute();
    expect(audit).toHaveLength(1);

    // The bytes left the tus area for the permanent one.
    expect(fs.readdirSync(path.join(filesDir(), 'uploads')).filter((n) => n.startsWith(run.uploadUrl!.split('/').pop()!))).toEqual([]);
    const dl = await fetch(`${base}${a.contentUrl}`, { headers: { Cookie: w.cookies.admin } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(fs.readFileSync(f.path))).toBe(true);

    // A HEAD on the finished upload still reads complete (a client resuming after a crash must not start over).
    const head = await raw('HEAD', new URL(run.uploadUrl!, base).pathname, w.cookies.member);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('1500000');
    expect(head.headers.get('attachment-id')).toBe(run.attachmentId);
  });

  it('resumes an interrupted upload where it stopped and ends with one attachment', async () => {
    const w = await world();
    const f = file('dump.bin', 3_000_000);
    const first = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: 'dump.bin' }, { chunkSize: 512 * 1024, abortAfter: 1_000_000 });
    expect(first.error).toBeNull();
    expect(first.uploadUrl).toBeTruthy();
    // Nothing shows on the case before the upload is complete.
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${w.caseId}/attachments`, cookie: w.cookies.member })).json().data).toEqual([]);
    const second = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: 'dump.bin' }, { chunkSize: 512 * 1024, uploadUrl: first.uploadUrl });
    expect(second.error, String(second.error)).toBeNull();
    expect(second.startedAt).toBeGreaterThanOrEqual(1_000_000);
    expect(second.sha256).toBe(f.sha256);
    const n = await t.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', w.caseId).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("answers another user's HEAD, PATCH and DELETE on an upload with 404, and lets the uploader terminate it", async () => {
    const w = await world();
    const f = file('half.bin', 2_000_000);
    const run = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: 'half.bin' }, { chunkSize: 512 * 1024, abortAfter: 500_000 });
    const url = new URL(run.uploadUrl!, base).pathname;
    for (const cookie of [w.cookies.colleague, w.cookies.admin, w.cookies.otherAdmin, w.cookies.agent]) {
      expect((await raw('HEAD', url, cookie)).status).toBe(404);
      expect((await raw('PATCH', url, cookie, { 'Upload-Offset': '524288', 'Content-Type': 'application/offset+octet-stream' }, Buffer.alloc(10))).status).toBe(404);
      expect((await raw('DELETE', url, cookie)).status).toBe(404);
    }
    expect((await raw('HEAD', url, null)).status).toBe(401);
    const mine = await raw('HEAD', url, w.cookies.member);
    expect(mine.status).toBe(200);
    expect(Number(mine.headers.get('upload-offset'))).toBeGreaterThanOrEqual(500_000);
    // The tus GET handler is off.
    expect((await raw('GET', url, w.cookies.member)).status).toBe(404);
    // A state-changing tus request from another site is refused like any other.
    expect((await raw('DELETE', url, w.cookies.member, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await raw('DELETE', url, w.cookies.member)).status).toBe(204);
    expect((await raw('HEAD', url, w.cookies.member)).status).toBe(404);
    expect(fs.readdirSync(path.join(filesDir(), 'uploads')).filter((n) => n.startsWith(url.split('/').pop()!))).toEqual([]);
  });

  it('refuses an Upload-Length over the per-file maximum or the account quota before storing a byte', async () => {
    const w = await world();
    const before = fs.readdirSync(path.join(filesDir(), 'uploads')).length;
    const tooBig = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': String(MAX + 1), 'Upload-Metadata': meta(w.caseId, 'big.iso') });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).code).toBe('upload.too_large');
    const defer = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Defer-Length': '1', 'Upload-Metadata': meta(w.caseId, 'x.bin') });
    expect(defer.status).toBe(400);
    // Two files of 3.5 MiB do not fit into the 6 MiB quota together; the second is refused while the first is still uploading.
    const first = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': String(3.5 * 1024 * 1024), 'Upload-Metadata': meta(w.caseId, 'a.bin') });
    expect(first.status).toBe(201);
    const second = await raw('POST', '/api/v1/uploads', w.cookies.admin, { 'Upload-Length': String(3.5 * 1024 * 1024), 'Upload-Metadata': meta(w.caseId, 'b.bin') });
    expect(second.status).toBe(413);
    expect((await second.json()).code).toBe('upload.quota_exceeded');
    // Staff files are not refused by the customer's quota.
    const staff = await raw('POST', '/api/v1/uploads', w.cookies.agent, { 'Upload-Length': String(3.5 * 1024 * 1024), 'Upload-Metadata': meta(w.caseId, 'c.bin', { visibility: 'internal' }) });
    expect(staff.status).toBe(201);
    expect(fs.readdirSync(path.join(filesDir(), 'uploads')).length).toBe(before + 4); // two uploads, each a file and its .json
  });

  it('refuses metadata naming a case the user cannot see, a closed case, or no file name', async () => {
    const w = await world();
    const notMine = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': meta(w.otherCase, 'x.txt') });
    expect(notMine.status).toBe(400);
    expect((await notMine.json()).errors[0]).toMatchObject({ path: 'metadata.caseId', code: 'unknown_case' });
    // The colleague sees the member's case only when CC'd.
    expect((await raw('POST', '/api/v1/uploads', w.cookies.colleague, { 'Upload-Length': '10', 'Upload-Metadata': meta(w.caseId, 'x.txt') })).status).toBe(400);
    const noName = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': `caseId ${Buffer.from(w.caseId).toString('base64')}` });
    expect((await noName.json()).errors[0]).toMatchObject({ path: 'metadata.filename', code: 'required' });
    const nul = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': meta(w.caseId, 'a\0b.txt') });
    expect(nul.status).toBe(400);
    expect((await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': 'caseId !!!notbase64' })).status).toBe(400);
    expect((await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': meta(w.caseId, 'x.txt', { visibility: 'internal' }) })).status).toBe(400);
    const { caseId: closed } = await buildCase(t, { accountId: w.account.id, userId: w.member.id, status: 'closed' });
    const res = await raw('POST', '/api/v1/uploads', w.cookies.member, { 'Upload-Length': '10', 'Upload-Metadata': meta(closed, 'x.txt') });
    expect(res.status).toBe(409);
    expect((await raw('POST', '/api/v1/uploads', null, { 'Upload-Length': '10', 'Upload-Metadata': meta(w.caseId, 'x.txt') })).status).toBe(401);
  });

  it('keeps traversal out: bad ids are 404, file names lose their path, nothing lands outside the storage root', async () => {
    const w = await world();
    const parent = path.dirname(filesDir());
    const outsideBefore = fs.readdirSync(parent).sort();
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%2e%2e%2f%2e%2e%2fportico.sqlite', 'upl_%00', 'upl_..', '..', 'not-an-id', `upl_${'a'.repeat(26)}%00.json`]) {
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const res = await raw(method, `/api/v1/uploads/${id}`, w.cookies.member, method === 'PATCH' ? { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' } : {}, method === 'PATCH' ? Buffer.from('evil') : undefined);
        expect(res.status, `${method} ${id}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${id}`).toBeLessThan(500);
      }
    }
    const f = file('x', 1000);
    const run = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: '../../../etc/evil.txt' });
    expect(run.error).toBeNull();
    const a = (await t.request({ method: 'GET', url: `/api/v1/attachments/${run.attachmentId}`, cookie: w.cookies.member })).json().data;
    expect(a.fileName).toBe('evil.txt');
    const win = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: '..\\..\\boot.ini' });
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${win.attachmentId}`, cookie: w.cookies.member })).json().data.fileName).toBe('boot.ini');
    expect(fs.readdirSync(parent).sort()).toEqual(outsideBefore);
    expect(fs.readdirSync(filesDir()).sort()).toEqual(['attachments', 'quarantine', 'releases', 'uploads']);
  });
});

describe('downloading an attachment', () => {
  it('serves ranges, names the file per RFC 6266, sandboxes and never sniffs', async () => {
    const w = await world();
    const f = file('report', 100_000);
    const run = await upload(w.cookies.member, f.path, { caseId: w.caseId, filename: 'Bericht März 2026 (final).txt' });
    const url = `${base}/api/v1/attachments/${run.attachmentId}/content`;
    const bytes = fs.readFileSync(f.path);
    const full = await fetch(url, { headers: { Cookie: w.cookies.member } });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-disposition')).toBe(`attachment; filename="Bericht Marz 2026 (final).txt"; filename*=UTF-8''Bericht%20M%C3%A4rz%202026%20%28final%29.txt`);
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(full.headers.get('content-type')).toBe('application/octet-stream');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-length')).toBe('100000');
    await full.arrayBuffer();

    const part = await fetch(url, { headers: { Cookie: w.cookies.member, Range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1999/100000');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    const tail = await fetch(url, { headers: { Cookie: w.cookies.member, Range: 'bytes=99000-' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(99000))).toBe(true);
    const suffix = await fetch(url, { headers: { Cookie: w.cookies.member, Range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(99990))).toBe(true);
    expect((await fetch(url, { headers: { Cookie: w.cookies.member, Range: 'bytes=100000-' } })).status).toBe(416);
    // A Range whose If-Range names another version gets the whole file.
    expect((await fetch(url, { headers: { Cookie: w.cookies.member, Range: 'bytes=0-9', 'If-Range': '"other"' } })).status).toBe(200);
    // Only people who see the case may download.
    expect((await fetch(url, { headers: { Cookie: w.cookies.colleague } })).status).toBe(404);
    expect((await fetch(url, { headers: { Cookie: w.cookies.otherAdmin } })).status).toBe(404);
    expect((await fetch(url, { headers: { Cookie: w.cookies.agent } })).status).toBe(200);
  });

  it('shows raster images inline only when asked, and never other types', async () => {
    const w = await world();
    const png = path.join(tmp, 'pixel.png');
    fs.writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a7b6a10000000049454e44ae426082', 'hex'));
    const img = await upload(w.cookies.member, png, { caseId: w.caseId, filename: 'screenshot.png', filetype: 'image/png' });
    const svg = path.join(tmp, 'drawing.svg');
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const bad = await upload(w.cookies.member, svg, { caseId: w.caseId, filename: 'drawing.png', filetype: 'image/png' });
    const inline = await fetch(`${base}/api/v1/attachments/${img.attachmentId}/content?disposition=inline`, { headers: { Cookie: w.cookies.member } });
    expect(inline.headers.get('content-type')).toBe('image/png');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
    const svgRes = await fetch(`${base}/api/v1/attachments/${bad.attachmentId}/content?disposition=inline`, { headers: { Cookie: w.cookies.member } });
    expect(svgRes.headers.get('content-type')).toBe('application/octet-stream');
    expect(svgRes.headers.get('content-disposition')).toMatch(/^attachment; /);
    const a = (await t.request({ method: 'GET', url: `/api/v1/attachments/${bad.attachmentId}`, cookie: w.cookies.member })).json().data;
    expect(a).toMatchObject({ contentType: 'image/svg+xml', declaredType: 'image/png', abilities: { download: true, inline: false } });
  });

  it('keeps internal attachments from customers: not listed, not readable, not downloadable', async () => {
    const w = await world();
    const f = file('internal', 5000);
    const run = await upload(w.cookies.agent, f.path, { caseId: w.caseId, filename: 'analysis.txt', visibility: 'internal' });
    expect(run.error).toBeNull();
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${w.caseId}/attachments`, cookie: w.cookies.admin })).json().data).toEqual([]);
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${run.attachmentId}`, cookie: w.cookies.admin })).statusCode).toBe(404);
    expect((await fetch(`${base}/api/v1/attachments/${run.attachmentId}/content`, { headers: { Cookie: w.cookies.member } })).status).toBe(404);
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/cases/${w.caseId}/comments`, cookie: w.cookies.member })).json().data;
    expect(timeline.some((e: { kind?: string }) => e.kind === 'attachment_added')).toBe(false);
    const staff = (await t.request({ method: 'GET', url: `/api/v1/staff/cases/${w.caseId}/attachments`, cookie: w.cookies.agent })).json();
    expect(staff.data.map((a: { id: string }) => a.id)).toEqual([run.attachmentId]);
    expect(staff.upload.visibilities).toEqual(['public', 'internal']);
    expect((await fetch(`${base}/api/v1/attachments/${run.attachmentId}/content`, { headers: { Cookie: w.cookies.agent } })).status).toBe(200);
    // No mail to the customer and nothing in the account's activity.
    const activity = await t.db.selectFrom('audit_events').select('account_id').where('action', '=', 'attachment.added').where('target_id', '=', w.caseId).execute();
    expect(activity).toEqual([{ account_id: null }]);
  });
});

describe('the cleanup job', () => {
  it('removes expired unfinished uploads and never touches attachments', async () => {
    const w = await world();
    const done = await upload(w.cookies.member, file('keep', 2000).path, { caseId: w.caseId, filename: 'keep.txt' });
    const half = await upload(w.cookies.member, file('half', 1_000_000).path, { caseId: w.caseId, filename: 'half.bin' }, { chunkSize: 256 * 1024, abortAfter: 256 * 1024 });
    const halfId = half.uploadUrl!.split('/').pop()!;
    const later = new Date(Date.now() + t.config.files.expiryMs + 60_000);
    await cleanupUploads({ svc: filesService(t.app.deps), now: later });
    expect(await t.db.selectFrom('uploads').select('id').where('id', '=', halfId).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(path.join(filesDir(), 'uploads', halfId))).toBe(false);
    expect(fs.existsSync(path.join(filesDir(), 'uploads', `${halfId}.json`))).toBe(false);
    const a = await t.db.selectFrom('attachments').selectAll().where('id', '=', done.attachmentId!).executeTakeFirstOrThrow();
    expect(fs.statSync(path.join(filesDir(), a.storage_key)).size).toBe(2000);
    expect((await fetch(`${base}/api/v1/attachments/${done.attachmentId}/content`, { headers: { Cookie: w.cookies.member } })).status).toBe(200);
  });
});
