import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_ENTRY = path.join(ROOT, 'dist/server/main.js');

/** A port the kernel has just handed out and released: free unless something races us for it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `portico-${prefix}-`));
}

export type Started = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from `readyPath`. */
  readyMs: number;
  output: () => string;
  stop: () => Promise<void>;
};

/** Spawns `node <script>` with `env`, and waits until GET readyPath answers 200. */
export async function startNode({
  script,
  env,
  port,
  readyPath,
  timeoutMs = 30_000,
}: {
  script: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<Started> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // BENCH_NODE_ARGS: flags for the server process only (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = signal ?? `code ${code}`;
      resolve();
    });
  });

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = started + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${path.basename(script)} exited (${exited}) before it was ready:\n${log}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${path.basename(script)} not ready within ${timeoutMs} ms:\n${log}`);
    }
    try {
      const res = await fetch(baseUrl + readyPath, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return { child, port, baseUrl, readyMs: performance.now() - started, output: () => log, stop };
}

/** Starts the built Portico server on a fresh SQLite data directory with demo data. */
export async function startPortico({ dataDir, logLevel = 'warn' }: { dataDir?: string; logLevel?: string } = {}) {
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build`);
  const port = await freePort();
  const dir = dataDir ?? tempDir('bench');
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATA_DIR: dir,
    DEMO_DATA: 'on',
    LOG_LEVEL: logLevel,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
  };
  const server = await startNode({ script: SERVER_ENTRY, env, port, readyPath: '/readyz' });
  return { ...server, dataDir: dir };
}

/** Where a bench's generated data lives: a SQLite data directory or a PostgreSQL database. */
export type BenchDatabase = { dialect: 'sqlite'; dataDir: string } | { dialect: 'postgres'; url: string };

/** Starts the built Portico server on a bench's generated data (no demo data); `env` adds to it. */
export async function startPorticoOn(database: BenchDatabase, env: Record<string, string> = {}) {
  const port = await freePort();
  return startNode({
    script: SERVER_ENTRY, port, readyPath: '/readyz',
    env: {
      NODE_ENV: 'development', DEMO_DATA: 'off', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(database.dialect === 'sqlite' ? { DATA_DIR: database.dataDir, DATABASE_URL: '' } : { DATABASE_URL: database.url }),
      ...env,
    },
  });
}

/** The baseline every list bench compares with: bench/bare-fastify.mjs, one small JSON route. */
export async function startBareFastify() {
  return startNode({ script: path.join(ROOT, 'bench/bare-fastify.mjs'), port: await freePort(), env: {}, readyPath: '/json' });
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (Linux). */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Logs in through the API like the SPA does and returns the `name=value` of the session cookie. */
export async function loginCookie({ baseUrl, email, password }: { baseUrl: string; email: string; password: string }) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login as ${email}: HTTP ${res.status} ${body}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /portico_session=/.test(c));
  if (!cookie) throw new Error(`login as ${email}: no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return cookie;
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

export const DEMO_PASSWORD = 'portico-demo';

export type LoadResult = { rps: number; p99: number; mean: number; non2xx: number; errors: number };

/** autocannon at `connections` for `durationS` seconds after a warm-up of up to 3 s. */
export async function load(url: string, { headers = {}, durationS, connections = 50 }: { headers?: Record<string, string>; durationS: number; connections?: number }): Promise<LoadResult> {
  await autocannon({ url, connections, duration: Math.min(3, durationS), headers });
  const r = await autocannon({ url, connections, duration: durationS, headers });
  return { rps: r.requests.average, p99: r.latency.p99, mean: r.latency.mean, non2xx: r.non2xx, errors: r.errors };
}

/** One result line: requests per second, the ratio to the bare route's, mean and p99 against the target. */
export function loadLine(name: string, r: LoadResult, bare: LoadResult, p99Target: number): string {
  const failures = r.non2xx || r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors!)` : '';
  return `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  ratio ${(r.rps / bare.rps).toFixed(3)}  mean ${r.mean.toFixed(1).padStart(5)} ms  p99 ${r.p99.toFixed(1).padStart(5)} ms ${verdict(r.p99 < p99Target)}${failures}`;
}
