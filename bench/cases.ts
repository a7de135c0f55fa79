// `npm run bench -- cases`: issue #4's performance targets.
//   1,000,000 cases over 50,000 accounts with 3,000,000 comments; one account with 5,000 cases:
//   every view and a search, autocannon 50 connections, p99 < 30 ms; the same at a tenth of the
//   data, so the growth of list latency with 10× the data shows (target < 1.5×); each beside a bare
//   Fastify route in the same minute (bench/bare-fastify.mjs).
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a server whose role may create
// databases. BENCH_CASES / BENCH_COMMENTS / BENCH_CASE_ACCOUNTS shrink the data for a quick run;
// BENCH_TENTH_ONLY=1 runs the tenth only.
import path from 'node:path';
import pg from 'pg';
import { BENCH_CASE_ADMIN, BENCH_CASE_MEMBER, BIG_ACCOUNT_ID, generateCasesData } from './generate-cases.js';
import { ROOT, freePort, load, loadLine, type LoadResult, loginCookie, startNode, tempDir, verdict, startPorticoOn, startBareFastify } from './lib.js';
import { warnIfBusy } from './me.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 3_000_000);
const ACCOUNTS = Number(process.env.BENCH_CASE_ACCOUNTS ?? 50_000);
const BIG = 5_000;
const TARGET = { p99: 30, growth: 1.5 };

const run = (url: string, headers: Record<string, string> = {}) => load(url, { headers, durationS: DURATION_S });
const line = (name: string, r: LoadResult, bare: LoadResult) => loadLine(name, r, bare, TARGET.p99);

const VIEWS = [
  ['recent', '/api/v1/cases?view=recent'],
  ['active_support', '/api/v1/cases?view=active_support'],
  ['my_open', '/api/v1/cases?view=my_open'],
  ['all_open', '/api/v1/cases?view=all_open'],
  ['all', '/api/v1/cases?view=all'],
  ['search "zeitüberschreitung"', `/api/v1/cases?view=all&q=${encodeURIComponent('zeitüberschreitung')}`],
  ['counts', '/api/v1/cases/counts'],
] as const;

/** The "all" view's page as Portico queries it for the big account's admin (cases.repository.ts, listQuery). */
const ALL_VIEW_SQL = `select c.id, c.number, c.type, c.category, c.subject, c.status, c.severity, c.product_id, p.name as product_name,
  c.contact_user_id, cu.name as contact_name, cu.email as contact_email, c.created_at, c.updated_at, c.last_activity_at, c.created_at as sort_at
  from cases c inner join users cu on cu.id = c.contact_user_id left join products p on p.id = c.product_id
  where c.account_id = ? order by c.created_at desc, c.id desc limit ?`;

/** Every view at one data size; returns the mean latency of the "all" view for the growth check. */
async function atScale(label: string, database: { dialect: 'sqlite'; dataDir: string } | { dialect: 'postgres'; url: string }, scale: number) {
  const cases = Math.round(CASES * scale);
  console.log(`\n${label}: ${cases} cases, ${Math.round(COMMENTS * scale)} comments, ${Math.round(ACCOUNTS * scale)} accounts (${BIG} in the big one)`);
  await generateCasesData({
    database: database.dialect === 'sqlite' ? { dialect: 'sqlite', file: path.join(database.dataDir, 'portico.sqlite') } : database,
    cases, comments: Math.round(COMMENTS * scale), accounts: Math.max(2, Math.round(ACCOUNTS * scale)), bigAccountCases: BIG, log: (s) => console.log(s),
  });
  const portico = await startPorticoOn(database);
  const bare = await startBareFastify();
  let ok = true;
  let allMean = 0;
  let allRps = 0;
  try {
    const admin = await loginCookie({ baseUrl: portico.baseUrl, ...BENCH_CASE_ADMIN });
    const member = await loginCookie({ baseUrl: portico.baseUrl, ...BENCH_CASE_MEMBER });
    warnIfBusy();
    const bareRun = await run(`${bare.baseUrl}/json`);
    console.log(`  ${'bare Fastify route'.padEnd(34)} ${bareRun.rps.toFixed(0).padStart(6)} req/s`);
    for (const [name, url] of VIEWS) {
      const r = await run(`${portico.baseUrl}${url}`, { cookie: admin });
      console.log(line(`admin: ${name}`, r, bareRun));
      ok = ok && r.p99 < TARGET.p99 && !r.non2xx && !r.errors;
      if (name === 'all') [allMean, allRps] = [r.mean, r.rps];
    }
    const m = await run(`${portico.baseUrl}/api/v1/cases?view=all`, { cookie: member });
    console.log(line('member (involved scope): all', m, bareRun));
    ok = ok && m.p99 < TARGET.p99 && !m.non2xx;
    // The same page's SQL in a bare Fastify route: what the engine alone allows for the 30 ms target.
    const queryPort = await freePort();
    const bareQuery = await startNode({
      script: path.join(ROOT, 'bench/bare-query.mjs'), port: queryPort, readyPath: '/json',
      env: {
        BARE_SQL: ALL_VIEW_SQL, BARE_PARAMS: JSON.stringify([BIG_ACCOUNT_ID, 26]),
        ...(database.dialect === 'sqlite' ? { BARE_SQLITE_FILE: path.join(database.dataDir, 'portico.sqlite') } : { BARE_PG_URL: database.url }),
      },
    });
    try {
      const q = await run(`${bareQuery.baseUrl}/json`);
      console.log(line('bare Fastify + the "all" SQL only', q, bareRun));
      console.log(`  Portico "all" view ÷ bare Fastify + its SQL: ${(allRps / q.rps).toFixed(2)}`);
    } finally {
      await bareQuery.stop();
    }
  } finally {
    await portico.stop();
    await bare.stop();
  }
  return { ok, allMean };
}

async function benchDatabase(label: string, makeDb: () => Promise<{ database: { dialect: 'sqlite'; dataDir: string } | { dialect: 'postgres'; url: string }; drop: () => Promise<void> }>) {
  const small = await makeDb();
  let tenth: Awaited<ReturnType<typeof atScale>>;
  try {
    tenth = await atScale(`${label}, a tenth`, small.database, 0.1);
  } finally {
    await small.drop();
  }
  if (process.env.BENCH_TENTH_ONLY) {
    console.log('  (BENCH_TENTH_ONLY: the full-size run and the growth check are skipped)');
    return tenth.ok;
  }
  const full = await makeDb();
  try {
    const all = await atScale(`${label}, full`, full.database, 1);
    const growth = all.allMean / tenth.allMean;
    console.log(`  growth of the "all" view's mean latency with 10× the data: ${growth.toFixed(2)}× (target < ${TARGET.growth}) ${verdict(growth < TARGET.growth)}`);
    return tenth.ok && all.ok && growth < TARGET.growth;
  } finally {
    await full.drop();
  }
}

export async function benchCases(): Promise<boolean> {
  console.log(`\ncases: ${DURATION_S} s per run after a 3 s warm-up, 50 connections`);
  let ok = await benchDatabase('SQLite', async () => ({ database: { dialect: 'sqlite', dataDir: tempDir('cases') }, drop: async () => {} }));
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    ok = (await benchDatabase('PostgreSQL', async () => {
      const name = `portico_cases_${Date.now()}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        database: { dialect: 'postgres', url: url.toString() },
        drop: async () => {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    })) && ok;
  } else {
    console.log('  (set BENCH_DATABASE_URL=postgres://… to run the same on PostgreSQL)');
  }
  return ok;
}
