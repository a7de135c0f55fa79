import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCase, buildKey, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test-support/test-app.js';
import { randomFile, tusUpload } from '../../../test-support/tus-client.js';
import { createFileStorage, createS3Client, quarantineKey } from '../storage.js';
import { cleanupUploads, filesService } from '../files.usecases.js';

/**
 * STORAGE=s3 against a real S3 server (Ceph radosgw: scripts/s3/start.sh, which .ci/run starts).
 * Set S3_TEST_ENDPOINT (e.g. http://127.0.0.1:7480) to run it; S3_ACCESS_KEY / S3_SECRET_KEY as
 * the script's (defaults testaccesskey / testsecretkey1234567890).
 */
const endpoint = process.env.S3_TEST_ENDPOINT;
const MiB = 1024 * 1024;

describe.skipIf(!endpoint)('uploads on S3 storage (Ceph radosgw)', () => {
  let t: TestApp;
  let base: string;
  let tmp: string;
  const bucket = `portico-test-${crypto.randomBytes(5).toString('hex')}`;
  const env = {
    STORAGE: 's3', S3_ENDPOINT: endpoint ?? '', S3_BUCKET: bucket, S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY ?? 'testaccesskey',
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_KEY ?? 'testsecretkey1234567890', S3_PART_SIZE_BYTES: String(5 * MiB),
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-s3-src-'));
    t = await createTestApp({ env });
    const s3 = t.config.files.storage;
    if (s3.kind !== 's3') throw new Error('not on S3');
    await createS3Client(s3).send(new CreateBucketCommand({ Bucket: bucket }));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    t.app.server.closeAllConnections();
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('takes an interrupted, resumed upload into the bucket, moves it out of the tus area and serves ranges', async () => {
    const account = await buildAccount(t.db);
    const member = (await buildMember(t.db, { account, role: 'member' })).user;
    const { caseId } = await buildCase(t, { accountId: account.id, userId: member.id });
    const cookie = await loginAs(t, member);
    const src = path.join(tmp, 'big.bin');
    const sha = randomFile(src, 12 * MiB + 12345);
    const opts = { endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie, file: src, metadata: { caseId, filename: 'big.bin' }, chunkSize: 3 * MiB };
    const first = await tusUpload({ ...opts, abortAfter: 6 * MiB });
    expect(first.error).toBeNull();
    const second = await tusUpload({ ...opts, uploadUrl: first.uploadUrl });
    expect(second.error, String(second.error)).toBeNull();
    expect(second.startedAt).toBeGreaterThanOrEqual(6 * MiB);
    expect(second.sha256).toBe(sha);

    const s3cfg = t.config.files.storage;
    if (s3cfg.kind !== 's3') throw new Error('not on S3');
    const listed = await createS3Client(s3cfg).send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((o) => o.Key);
    expect(keys).toContain(`attachments/${second.attachmentId}`);
    expect(keys.filter((k) => k?.startsWith('upl_'))).toEqual([]);

    const part = await fetch(`${base}/api/v1/attachments/${second.attachmentId}/content`, { headers: { Cookie: cookie, Range: `bytes=${10 * MiB}-${10 * MiB + 99}` } });
    expect(part.status).toBe(206);
    const bytes = fs.readFileSync(src);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10 * MiB, 10 * MiB + 100))).toBe(true);

    // Objects larger than one copy request are copied part by part (UploadPartCopy): here with 5 MiB parts.
    const storage = createFileStorage(t.config.files, { s3SingleCopyLimit: 5 * MiB, s3CopyPartSize: 5 * MiB });
    await storage.move(`attachments/${second.attachmentId}`, quarantineKey(second.attachmentId!), bytes.length);
    const moved = await storage.read(quarantineKey(second.attachmentId!));
    const hash = crypto.createHash('sha256');
    for await (const chunk of moved) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(sha);
    expect(await storage.size(`attachments/${second.attachmentId}`)).toBeNull();
    storage.close();
  });

  it('takes a release file into the bucket through tus, keeps its signature beside it, and serves it to an entitled customer with ranges', async () => {
    const account = await buildAccount(t.db);
    const member = (await buildMember(t.db, { account, role: 'member' })).user;
    const { productId } = await buildProduct(t.db, { name: `Portico Server ${crypto.randomUUID().slice(0, 6)}` });
    await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id });
    const release = (await buildStaff(t.db, { staffRole: 'release' })).user;
    const [cookie, staffCookie] = [await loginAs(t, member), await loginAs(t, release)];
    const created = await t.request({ method: 'POST', url: '/api/v1/staff/releases', cookie: staffCookie, payload: { productId, version: '2026.7', channel: 'stable' } });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json().data;

    const src = path.join(tmp, 'portico-server-2026.7-linux-x64.tar.gz');
    const sha = randomFile(src, 7 * MiB + 321);
    const run = await tusUpload({
      endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie: staffCookie, file: src, chunkSize: 3 * MiB,
      metadata: { releaseId: r.id, platform: 'linux', arch: 'x64', filename: 'portico-server-2026.7-linux-x64.tar.gz' },
    });
    expect(run.error, String(run.error)).toBeNull();
    expect(run.sha256).toBe(sha);
    const sig = await t.request({
      method: 'PUT', url: `/api/v1/staff/releases/${r.id}/artifacts/${run.attachmentId}/signature?fileName=portico-server-2026.7-linux-x64.tar.gz.asc`, cookie: staffCookie,
      payload: Buffer.from('-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n'), headers: { 'content-type': 'application/octet-stream' },
    });
    expect(sig.statusCode, sig.body).toBe(204);
    const current = (await t.request({ method: 'GET', url: `/api/v1/staff/releases/${r.id}`, cookie: staffCookie })).json().data;
    const published = await t.request({ method: 'POST', url: `/api/v1/staff/releases/${r.id}/publish`, cookie: staffCookie, payload: { notify: false }, headers: { 'if-match': `"${current.revision}"` } });
    expect(published.statusCode, published.body).toBe(200);

    const s3cfg = t.config.files.storage;
    if (s3cfg.kind !== 's3') throw new Error('not on S3');
    const keys = ((await createS3Client(s3cfg).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'releases/' }))).Contents ?? []).map((o) => o.Key);
    expect(keys).toEqual(expect.arrayContaining([`releases/${run.attachmentId}`, `releases/${run.attachmentId}.sig`]));

    const { url } = (await t.request({ method: 'POST', url: `/api/v1/downloads/${run.attachmentId}/link`, cookie })).json().data;
    const whole = await fetch(`${base}${url}`, { headers: { Cookie: cookie } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(7 * MiB + 321));
    expect(crypto.createHash('sha256').update(Buffer.from(await whole.arrayBuffer())).digest('hex')).toBe(sha);
    const part = await fetch(`${base}${url}`, { headers: { Cookie: cookie, Range: `bytes=${5 * MiB}-` } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(fs.readFileSync(src).subarray(5 * MiB))).toBe(true);
    const listed = (await t.request({ method: 'GET', url: '/api/v1/downloads', cookie })).json().data;
    const artifact = listed.flatMap((p: { releases: { artifacts: { id: string; signature: unknown }[] }[] }) => p.releases.flatMap((x) => x.artifacts)).find((a: { id: string }) => a.id === run.attachmentId);
    expect(artifact).toMatchObject({ sha256: sha, signature: { fileName: 'portico-server-2026.7-linux-x64.tar.gz.asc' } });
  });

  it('cleans up an expired unfinished upload in the bucket (multipart upload aborted, info gone)', async () => {
    const account = await buildAccount(t.db);
    const member = (await buildMember(t.db, { account, role: 'member' })).user;
    const { caseId } = await buildCase(t, { accountId: account.id, userId: member.id });
    const cookie = await loginAs(t, member);
    const src = path.join(tmp, 'half.bin');
    randomFile(src, 8 * MiB);
    const run = await tusUpload({ endpoint: `${base}/api/v1/uploads`, origin: TEST_ORIGIN, cookie, file: src, metadata: { caseId, filename: 'half.bin' }, chunkSize: 2 * MiB, abortAfter: 2 * MiB });
    const id = run.uploadUrl!.split('/').pop()!;
    await cleanupUploads({ svc: filesService(t.app.deps), now: new Date(Date.now() + t.config.files.expiryMs + 60_000) });
    const s3cfg = t.config.files.storage;
    if (s3cfg.kind !== 's3') throw new Error('not on S3');
    const listed = await createS3Client(s3cfg).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: id }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(await t.db.selectFrom('uploads').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
