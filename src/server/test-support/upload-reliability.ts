import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { openDatabase } from '../app/db.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildAccount, buildCase, buildMember, TEST_PASSWORD } from './factories.js';
import { randomFile } from './tus-client.js';

/**
 * The reliability drills of issue #6, against real server processes (`node --import tsx
 * src/server/main.ts`): kill -9 a server while a tus-js-client upload streams into it, restart it,
 * resume; and two processes on one database and one storage directory, an upload started through
 * one and finished through the other. Both end by checking that the case has exactly one
 * attachment whose SHA-256 (reported and re-read from the download) matches the source.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const ORIGIN = 'http://portico.test';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Drill {
  dataDir: string;
  databaseUrl: string | null;
  caseId: string;
  email: string;
  source: string;
  sha256: string;
  log: (line: string) => void;
  cleanup(): Promise<void>;
}

/** A data directory (SQLite file and files), or a PostgreSQL database, with one member and one case. */
export async function prepareDrill({ sizeBytes, databaseUrl = null, log = () => {} }: { sizeBytes: number; databaseUrl?: string | null; log?: (line: string) => void }): Promise<Drill> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-drill-'));
  const handle = databaseUrl ? openDatabase({ dialect: 'postgres', url: databaseUrl }, { poolSize: 2 }) : openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'portico.sqlite') });
  await migrateToLatest(handle.db, handle.dialect);
  const account = await buildAccount(handle.db);
  const email = `drill-${crypto.randomBytes(4).toString('hex')}@example.test`;
  const member = (await buildMember(handle.db, { account, role: 'member', email })).user;
  const { caseId } = await buildCase({ db: handle.db, dialect: handle.dialect }, { accountId: account.id, userId: member.id });
  await handle.destroy();
  const source = path.join(dataDir, 'source.bin');
  log(`writing ${sizeBytes} random bytes`);
  const sha256 = randomFile(source, sizeBytes);
  return { dataDir, databaseUrl, caseId, email, source, sha256, log, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(drill: Drill, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'test', PORT: String(p), HOST: '127.0.0.1', DATA_DIR: drill.dataDir,
    PUBLIC_URL: ORIGIN, DEMO_DATA: 'off', LOG_LEVEL: 'warn', UPLOAD_LOCK_LEASE_SECONDS: '2', PORTICO_ROLE: 'web',
    ...(drill.databaseUrl ? { DATABASE_URL: drill.databaseUrl } : {}),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr += c.toString();
  });
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr.slice(-2000)}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port: p,
    url,
    child,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function login(server: ServerProcess, email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portico_session='));
  return cookie!.split(';')[0]!;
}

interface Attempt {
  uploadUrl: string | null;
  done: boolean;
  sha256: string | null;
  attachmentId: string | null;
  error: string | null;
}

/**
 * One run of tus-js-client until it finishes, fails, or `stopAt` bytes were sent (then `onStop`
 * runs: it kills the server, or just aborts).
 */
function attempt(opts: { endpoint: string; uploadUrl: string | null; cookie: string; drill: Drill; stopAt?: number; onStop?: (u: Upload) => Promise<void> }): Promise<Attempt> {
  const size = fs.statSync(opts.drill.source).size;
  return new Promise((resolve) => {
    const result: Attempt = { uploadUrl: opts.uploadUrl, done: false, sha256: null, attachmentId: null, error: null };
    let stopped = false;
    const upload: Upload = new Upload(fs.createReadStream(opts.drill.source), {
      endpoint: opts.endpoint,
      uploadUrl: opts.uploadUrl,
      uploadSize: size,
      chunkSize: 32 * 1024 * 1024,
      metadata: { caseId: opts.drill.caseId, filename: 'drill.bin' },
      headers: { Cookie: opts.cookie, Origin: ORIGIN },
      retryDelays: [],
      storeFingerprintForResuming: false,
      onUploadUrlAvailable() {
        result.uploadUrl = upload.url;
      },
      onProgress(sent) {
        if (opts.stopAt !== undefined && sent >= opts.stopAt && !stopped) {
          stopped = true;
          result.uploadUrl = upload.url;
          // The client's error (from the killed connection) may come before or after: either way this run is over.
          void opts.onStop?.(upload).then(() => resolve(result));
        }
      },
      onSuccess(payload) {
        result.done = true;
        result.uploadUrl = upload.url;
        result.sha256 = payload.lastResponse.getHeader('Attachment-Sha256') ?? null;
        result.attachmentId = payload.lastResponse.getHeader('Attachment-Id') ?? null;
        resolve(result);
      },
      onError(err) {
        result.error = err.message;
        result.uploadUrl = upload.url;
        // After a kill the error is expected; the caller resumes.
        if (!stopped) resolve(result);
      },
    });
    upload.start();
  });
}

const onServer = (uploadUrl: string, server: ServerProcess) => `${server.url}${new URL(uploadUrl).pathname}`;

/** Checks the end state: one attachment on the case, its SHA-256 and downloaded bytes equal to the source. */
export async function verify(drill: Drill, server: ServerProcess, cookie: string, reported: string | null) {
  const list = await fetch(`${server.url}/api/v1/cases/${drill.caseId}/attachments`, { headers: { Cookie: cookie } }).then((r) => r.json() as Promise<{ data: { id: string; sha256: string; size: number }[] }>);
  const hash = crypto.createHash('sha256');
  const only = list.data[0];
  if (only) {
    const res = await fetch(`${server.url}/api/v1/attachments/${only.id}/content`, { headers: { Cookie: cookie } });
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  }
  return { attachments: list.data.length, storedSha256: only?.sha256 ?? null, downloadedSha256: only ? hash.digest('hex') : null, reportedSha256: reported, expected: drill.sha256 };
}

/** kill -9 the server `kills` times during the upload (evenly spread), restart it each time, resume. */
export async function killDrill(drill: Drill, { kills = 3 }: { kills?: number } = {}) {
  const size = fs.statSync(drill.source).size;
  let server = await startServer(drill);
  const port = server.port;
  const cookie = await login(server, drill.email);
  let uploadUrl: string | null = null;
  let last: Attempt | null = null;
  for (let k = 1; k <= kills; k++) {
    const stopAt = Math.floor((size * k) / (kills + 1));
    const current = server;
    last = await attempt({
      endpoint: `${server.url}/api/v1/uploads`, uploadUrl: uploadUrl && onServer(uploadUrl, server), cookie, drill, stopAt,
      onStop: async () => {
        drill.log(`kill -9 at ~${stopAt} bytes sent`);
        await current.kill('SIGKILL');
      },
    });
    uploadUrl = last.uploadUrl;
    if (last.done) break;
    server = await startServer(drill, port);
  }
  if (!last?.done) last = await attempt({ endpoint: `${server.url}/api/v1/uploads`, uploadUrl: uploadUrl && onServer(uploadUrl, server), cookie, drill });
  if (!last.done) throw new Error(`the resumed upload failed: ${last.error}`);
  const result = await verify(drill, server, cookie, last.sha256);
  await server.kill('SIGTERM');
  return result;
}

/** Two processes on one database and storage: start through the first, resume through the second. */
export async function twoProcessDrill(drill: Drill) {
  const size = fs.statSync(drill.source).size;
  const a = await startServer(drill);
  const b = await startServer(drill);
  try {
    const cookie = await login(a, drill.email);
    const first = await attempt({ endpoint: `${a.url}/api/v1/uploads`, uploadUrl: null, cookie, drill, stopAt: Math.floor(size / 2), onStop: (u) => u.abort() });
    if (!first.uploadUrl) throw new Error(`the first half failed: ${first.error}`);
    const head = await fetch(onServer(first.uploadUrl, b), { method: 'HEAD', headers: { Cookie: cookie, 'Tus-Resumable': '1.0.0' } });
    const offsetSeenByB = Number(head.headers.get('upload-offset'));
    const second = await attempt({ endpoint: `${b.url}/api/v1/uploads`, uploadUrl: onServer(first.uploadUrl, b), cookie, drill });
    if (!second.done) throw new Error(`resuming through the second process failed: ${second.error}`);
    return { ...(await verify(drill, b, cookie, second.sha256)), offsetSeenByB };
  } finally {
    await a.kill('SIGTERM');
    await b.kill('SIGTERM');
  }
}
