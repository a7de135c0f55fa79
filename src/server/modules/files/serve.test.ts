import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendStoredFile } from './serve.js';
import { attachmentKey, createFileStorage, type FileStorage } from './storage.js';

// sendStoredFile on local storage: bytes through two reused buffers straight to the socket.
const SIZE = 48 * 1024 * 1024 + 12_345;
const ID = 'att_01jf0000000000000000000000';
let dir: string;
let storage: FileStorage;
let app: FastifyInstance;
let base: string;
let bytes: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-serve-'));
  storage = createFileStorage({
    maxFileBytes: SIZE, accountQuotaBytes: SIZE, expiryMs: 3_600_000, lockLeaseMs: 10_000,
    storage: { kind: 'local', directory: dir }, scan: { kind: 'off' },
  });
  bytes = crypto.randomBytes(SIZE);
  await storage.write(attachmentKey(ID), bytes);
  app = Fastify();
  app.get('/file', (req, reply) =>
    sendStoredFile(req, reply, {
      storage,
      file: { storageKey: attachmentKey(ID), size: SIZE, fileName: 'dump.bin', sha256: 'a'.repeat(64), contentType: 'application/octet-stream', disposition: 'attachment' },
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  // fetch keeps its connections alive; the server would wait out their keep-alive (72 s) when
  // closing idle ones misses one, as it sometimes does right after a burst of responses.
  app.server.closeAllConnections();
  await app.close();
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Descriptors of this process open on the stored file. */
const openOnFile = () =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith(ID);
    } catch {
      return false;
    }
  }).length;

describe('serving a stored file from local storage', () => {
  it('sends every byte, and exactly the asked range', async () => {
    const whole = await fetch(`${base}/file`);
    expect(whole.headers.get('content-length')).toBe(String(SIZE));
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(`${base}/file`, { headers: { range: `bytes=${300 * 1024 - 7}-${SIZE - 2}` } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(300 * 1024 - 7, SIZE - 1))).toBe(true);
    expect(openOnFile()).toBe(0);
  });

  it('closes the file when the client goes away halfway, and serves the next client whole', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${base}/file`, (res) => {
        res.once('data', () => {
          // The server is still writing (48 MiB do not fit in the socket buffers): cut it off.
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (err.message.includes('socket hang up') || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    });
    await expect.poll(openOnFile, { timeout: 5000 }).toBe(0);
    const again = await fetch(`${base}/file`);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('serves twenty clients at once, each its own bytes', async () => {
    const ranges = Array.from({ length: 20 }, (_, i) => [i * 1_000_003, SIZE - 1 - i * 777] as const);
    const bodies = await Promise.all(ranges.map(async ([from, to]) => Buffer.from(await (await fetch(`${base}/file`, { headers: { range: `bytes=${from}-${to}` } })).arrayBuffer())));
    bodies.forEach((body, i) => {
      const [from, to] = ranges[i]!;
      expect(body.equals(bytes.subarray(from, to + 1))).toBe(true);
    });
    expect(openOnFile()).toBe(0);
  });
});
