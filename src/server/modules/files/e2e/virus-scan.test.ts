import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCase, buildMember, loginAs } from '../../../test-support/factories.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test-support/test-app.js';
import { tusUpload } from '../../../test-support/tus-client.js';

/** The EICAR test file: harmless, and every virus scanner reports it. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A stand-in for clamd on a unix socket that speaks the real INSTREAM protocol: `zINSTREAM\0`,
 * length-prefixed chunks, a zero-length chunk, then `stream: OK\0` or `stream: <name> FOUND\0`.
 */
function fakeClamd(socketPath: string) {
  const seen: number[] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let command = false;
    const data: Buffer[] = [];
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!command) {
        const nul = buf.indexOf(0);
        if (nul < 0) return;
        if (buf.subarray(0, nul).toString() !== 'zINSTREAM') return socket.end('UNKNOWN COMMAND\0');
        command = true;
        buf = buf.subarray(nul + 1);
      }
      while (buf.length >= 4) {
        const len = buf.readUInt32BE(0);
        if (len === 0) {
          const body = Buffer.concat(data);
          seen.push(body.length);
          socket.end(body.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buf.length < 4 + len) return;
        data.push(buf.subarray(4, 4 + len));
        buf = buf.subarray(4 + len);
      }
    });
  });
  return { server, seen, listen: () => new Promise<void>((resolve) => server.listen(socketPath, resolve)) };
}

let t: TestApp;
let base: string;
let tmp: string;
let clamd: ReturnType<typeof fakeClamd>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-scan-'));
  clamd = fakeClamd(path.join(tmp, 'clamd.sock'));
  await clamd.listen();
  t = await createTestApp({ env: { SUPPORT_EMAIL: 'support@vendor.test', VIRUS_SCAN: 'clamd', CLAMD_ADDRESS: path.join(tmp, 'clamd.sock') } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  t.app.server.closeAllConnections();
  await t.close();
  clamd.server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('virus scan through clamd (INSTREAM)', () => {
  it('quarantines an infected file: never downloadable, the uploader told by timeline and mail; a clean file becomes available', async () => {
    const account = await buildAccount(t.db);
    const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member', email: `mia-${Date.now()}@example.test` })).user;
    const { caseId } = await buildCase(t, { accountId: account.id, userId: member.id });
    const cookie = await loginAs(t, member);
    const evil = path.join(tmp, 'eicar.com');
    fs.writeFileSync(evil, EICAR);
    const good = path.join(tmp, 'notes.txt');
    fs.writeFileSync(good, 'All fine.\n'.repeat(20_000));
    const up = (file: string, name: string) => tusUpload({ endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie, file, metadata: { caseId, filename: name } });
    const bad = await up(evil, 'tool.com');
    const ok = await up(good, 'notes.txt');
    expect(bad.error).toBeNull();

    // Before the scan: listed as pending, not downloadable, support not yet told.
    const pending = await fetch(`${base}/api/v1/attachments/${ok.attachmentId}/content`, { headers: { Cookie: cookie } });
    expect(pending.status).toBe(409);
    expect((await pending.json()).code).toBe('attachment.scan_pending');
    expect(await t.db.selectFrom('mails').select('id').where('to_address', '=', 'support@vendor.test').where('subject', 'like', '%notes.txt%').executeTakeFirst()).toBeUndefined();

    await t.worker.drain();
    expect(clamd.seen).toContain(200_000);

    const list = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}/attachments`, cookie })).json().data;
    expect(list.find((a: { id: string }) => a.id === bad.attachmentId)).toMatchObject({ scanStatus: 'infected', scanResult: 'Eicar-Test-Signature', abilities: { download: false } });
    expect(list.find((a: { id: string }) => a.id === ok.attachmentId)).toMatchObject({ scanStatus: 'clean', abilities: { download: true } });
    const blocked = await fetch(`${base}/api/v1/attachments/${bad.attachmentId}/content`, { headers: { Cookie: cookie } });
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).code).toBe('attachment.quarantined');
    const row = await t.db.selectFrom('attachments').selectAll().where('id', '=', bad.attachmentId!).executeTakeFirstOrThrow();
    const dir = (t.config.files.storage as { directory: string }).directory;
    expect(row.storage_key).toBe(`quarantine/${bad.attachmentId}`);
    expect(fs.existsSync(path.join(dir, 'attachments', bad.attachmentId!))).toBe(false);
    expect(fs.readFileSync(path.join(dir, row.storage_key), 'utf8')).toBe(EICAR);

    const timeline = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}/comments`, cookie })).json().data;
    expect(timeline.find((e: { kind?: string }) => e.kind === 'attachment_quarantined')).toMatchObject({ data: { fileName: 'tool.com', signature: 'Eicar-Test-Signature' } });
    const mail = await t.db.selectFrom('mails').selectAll().where('to_address', '=', member.email).where('subject', 'like', '%Quarantäne%').executeTakeFirst();
    expect(mail?.text_body).toContain('tool.com');
    expect(await t.db.selectFrom('mails').select('id').where('to_address', '=', 'support@vendor.test').where('subject', 'like', '%notes.txt%').executeTakeFirst()).toBeDefined();
    expect((await fetch(`${base}/api/v1/attachments/${ok.attachmentId}/content`, { headers: { Cookie: cookie } })).status).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', caseId).where('action', '=', 'attachment.quarantined').execute();
    expect(audit).toHaveLength(1);
  });
});
