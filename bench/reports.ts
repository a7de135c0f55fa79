// `npm run bench -- reports`: issue #9's performance targets.
//   On the keys, cases and invoices data generators (100,000 keys with 1,000,000 activations,
//   1,000,000 cases, invoices), one account holding 20,000 keys and 5,000 cases: each report's p95
//   over sequential requests < 300 ms, its req/s beside a bare Fastify route in the same run
//   (bench/bare-fastify.mjs); a 100,000-row CSV export (the console's key inventory across all
//   accounts) streamed with the server's RSS growth < 64 MiB.
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a server whose role may create
// databases. BENCH_KEYS, BENCH_ACTIVATIONS, BENCH_CASES, BENCH_CASE_ACCOUNTS, BENCH_COMMENTS,
// BENCH_BIG_KEYS, BENCH_BIG_CASES, BENCH_INVOICES, BENCH_RUNS and BENCH_DURATION shrink it.
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import type { loadConfig } from '../src/server/app/config.js';
import { openDatabase } from '../src/server/app/db.js';
import { hashPassword } from '../src/server/modules/auth/password.js';
import { generateCasesData } from './generate-cases.js';
import { generateInvoicesData } from './generate-invoices.js';
import { BENCH_ADMIN, generateKeysData } from './generate-keys.js';
import { loginCookie, rssMiB, sleep, tempDir, verdict, startPorticoOn, startBareFastify } from './lib.js';
import { warnIfBusy } from './me.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const ACTIVATIONS = Number(process.env.BENCH_ACTIVATIONS ?? 1_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const CASE_ACCOUNTS = Number(process.env.BENCH_CASE_ACCOUNTS ?? 50_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 0);
const BIG_KEYS = Number(process.env.BENCH_BIG_KEYS ?? 20_000);
const BIG_CASES = Number(process.env.BENCH_BIG_CASES ?? 5_000);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const TARGET = { p95: 300, rssGrowthMiB: 64 };
const STAFF = { email: 'reports-staff@bench.example', password: 'bench-password-1234' };

const REPORTS = [
  ['key-inventory', '/api/v1/reports/key-inventory'],
  ['maintenance (180 days)', '/api/v1/reports/maintenance?within=180'],
  ['activations (12 weeks)', '/api/v1/reports/activations'],
  ['cases (12 weeks)', '/api/v1/reports/cases'],
  ['invoices (12 months)', '/api/v1/reports/invoices'],
] as const;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** One request at a time: each report's own latency, not a queue's. */
async function sequential(url: string, cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= 3) times.push(performance.now() - t0);
  }
  return p95(times);
}

async function throughput(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: 10, duration: DURATION_S, headers });
  return { rps: r.requests.average, non2xx: r.non2xx, errors: r.errors };
}

/**
 * Puts the big cases and invoices accounts' rows into the keys generator's big account (the
 * generators each make their own), and adds a billing flag for its admin and a staff user for the
 * console's export.
 */
async function oneBigAccount(database: ReturnType<typeof loadConfig>['database'], bigAccountId: string) {
  const { db, destroy } = openDatabase(database, { poolSize: 1 });
  try {
    await db.updateTable('cases').set({ account_id: bigAccountId }).where('account_id', '=', 'acc_cbench000000').execute();
    await db.updateTable('invoices').set({ account_id: bigAccountId }).where('account_id', '=', 'acc_ibenchbig').execute();
    await db.updateTable('payments').set({ account_id: bigAccountId }).where('account_id', '=', 'acc_ibenchbig').execute();
    await db.updateTable('memberships').set({ billing: true }).where('id', '=', 'mem_benchadmin').execute();
    const stamp = new Date().toISOString();
    await db
      .insertInto('users')
      .values({
        id: 'usr_rbenchstaff', email: STAFF.email, name: 'Reports Staff', locale: 'en', password_hash: await hashPassword(STAFF.password), status: 'active',
        kind: 'staff', staff_role: 'admin', last_login_at: null, created_at: stamp, updated_at: stamp,
      })
      .execute();
    // The big account's keys and cases moved: statistics as autovacuum would see them.
    if (database.dialect === 'postgres') await sql`analyze product_keys, activations, cases`.execute(db);
  } finally {
    await destroy();
  }
}

/** Streams the export and samples the server's RSS every 50 ms; returns rows, bytes and the growth. */
async function exportRss(url: string, cookie: string, pid: number) {
  const before = rssMiB(pid) ?? 0;
  let peak = before;
  const sampler = setInterval(() => {
    const now = rssMiB(pid);
    if (now !== null && now > peak) peak = now;
  }, 50);
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`export: HTTP ${res.status}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
  } finally {
    await sleep(100);
    clearInterval(sampler);
  }
  return { rows: lines - 1, bytes, seconds: (performance.now() - t0) / 1000, growth: peak - before };
}

async function benchDatabase(label: string, database: { dialect: 'sqlite'; dataDir: string } | { dialect: 'postgres'; url: string; generated?: boolean }) {
  const config: ReturnType<typeof loadConfig>['database'] =
    database.dialect === 'sqlite' ? { dialect: 'sqlite', file: path.join(database.dataDir, 'portico.sqlite') } : database;
  console.log(`\n${label}: ${KEYS} keys / ${ACTIVATIONS} activations, ${CASES} cases, ${INVOICES} invoices; one account with ${BIG_KEYS} keys and ${BIG_CASES} cases`);
  // BENCH_DATA_DIR (SQLite): generate into that directory once and reuse it on later runs.
  const reuse = database.dialect === 'sqlite' ? fs.existsSync(path.join(database.dataDir, 'generated')) : database.generated === true;
  if (reuse) console.log(`  reusing the data in ${database.dialect === 'sqlite' ? database.dataDir : 'that database'}`);
  else {
    const keys = await generateKeysData({ database: config, keys: KEYS, activations: ACTIVATIONS, bigAccountKeys: BIG_KEYS, log: (s) => console.log(s) });
    await generateCasesData({ database: config, cases: CASES, accounts: CASE_ACCOUNTS, comments: COMMENTS, bigAccountCases: BIG_CASES, log: (s) => console.log(s) });
    await generateInvoicesData({ database: config, invoices: INVOICES, log: (s) => console.log(s) });
    await oneBigAccount(config, keys.bigAccountId);
    if (database.dialect === 'sqlite') fs.writeFileSync(path.join(database.dataDir, 'generated'), '');
  }

  const portico = await startPorticoOn(database, { PORTICO_ROLE: 'web' });
  const bare = await startBareFastify();
  let ok = true;
  try {
    const cookie = await loginCookie({ baseUrl: portico.baseUrl, ...BENCH_ADMIN });
    const staffCookie = await loginCookie({ baseUrl: portico.baseUrl, ...STAFF });
    warnIfBusy();
    const bareRps = await throughput(`${bare.baseUrl}/json`);
    const bareP95 = await sequential(`${bare.baseUrl}/json`, '');
    console.log(`  ${'bare Fastify route'.padEnd(26)} ${bareRps.rps.toFixed(0).padStart(6)} req/s  p95 ${bareP95.toFixed(1).padStart(6)} ms`);
    for (const [name, url] of REPORTS) {
      const latency = await sequential(`${portico.baseUrl}${url}`, cookie);
      const load = await throughput(`${portico.baseUrl}${url}`, { cookie });
      const bad = load.non2xx || load.errors ? `  (${load.non2xx} non-2xx, ${load.errors} errors!)` : '';
      console.log(
        `  ${name.padEnd(26)} ${load.rps.toFixed(0).padStart(6)} req/s  ratio ${(load.rps / bareRps.rps).toFixed(3)}  p95 ${latency.toFixed(1).padStart(6)} ms (target < ${TARGET.p95}) ${verdict(latency < TARGET.p95)}${bad}`,
      );
      ok = ok && latency < TARGET.p95 && !load.non2xx && !load.errors;
    }
    const pid = portico.child.pid;
    if (!pid) throw new Error('no server pid');
    const exp = await exportRss(`${portico.baseUrl}/api/v1/staff/reports/key-inventory?format=csv`, staffCookie, pid);
    console.log(
      `  CSV export: ${exp.rows} rows, ${(exp.bytes / 1048576).toFixed(1)} MiB in ${exp.seconds.toFixed(1)} s; server RSS growth ${exp.growth.toFixed(1)} MiB (target < ${TARGET.rssGrowthMiB}) ${verdict(exp.growth < TARGET.rssGrowthMiB)}`,
    );
    if (exp.rows !== KEYS) console.log(`  NOTE: expected ${KEYS} rows`);
    ok = ok && exp.growth < TARGET.rssGrowthMiB && exp.rows === KEYS;
  } finally {
    await portico.stop();
    await bare.stop();
  }
  return ok;
}

export async function benchReports(): Promise<boolean> {
  console.log(`\nreports: p95 of ${RUNS} sequential requests per report, req/s with 10 connections for ${DURATION_S} s`);
  const kept = process.env.BENCH_DATA_DIR;
  if (kept) fs.mkdirSync(kept, { recursive: true });
  const dataDir = kept ?? tempDir('reports');
  let ok = true;
  // BENCH_ONLY=postgres skips the SQLite half.
  if (process.env.BENCH_ONLY !== 'postgres') {
    try {
      ok = await benchDatabase('SQLite', { dialect: 'sqlite', dataDir });
    } finally {
      if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const adminUrl = process.env.BENCH_DATABASE_URL;
  // BENCH_PG_REUSE=postgres://…/portico_reports_… runs on a database a BENCH_KEEP_PG run left behind.
  const reuseUrl = process.env.BENCH_PG_REUSE;
  if (reuseUrl) {
    ok = (await benchDatabase('PostgreSQL', { dialect: 'postgres', url: reuseUrl, generated: true })) && ok;
  } else if (adminUrl) {
    const name = `portico_reports_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      ok = (await benchDatabase('PostgreSQL', { dialect: 'postgres', url: url.toString() })) && ok;
    } finally {
      // BENCH_KEEP_PG=1 leaves the database for a look at its plans afterwards.
      if (process.env.BENCH_KEEP_PG) console.log(`  kept: ${url.toString()}`);
      else {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
    }
  } else {
    console.log('  (set BENCH_DATABASE_URL=postgres://… to run the same on PostgreSQL)');
  }
  return ok;
}
