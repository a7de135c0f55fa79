// `npm run bench -- licensing`: issue #5's performance targets on generated data.
//   POST /api/v1/licensing/validate under 100 connections vs a bare Fastify route that signs a
//   same-sized payload (bench/bare-signed.mjs): ratio ≥ 0.4, p99 < 15 ms;
//   GET /api/v1/keys for an account with 20,000 keys: p99 < 30 ms.
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a server whose role may create
// databases. BENCH_KEYS / BENCH_ACTIVATIONS shrink the data for a quick run.
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { warnIfBusy } from './me.js';
import { BENCH_ADMIN, BENCH_BIG_ACCOUNT, generateKeysData } from './generate-keys.js';
import { ROOT, freePort, loginCookie, startNode, tempDir, verdict, startPorticoOn } from './lib.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const ACTIVATIONS = Number(process.env.BENCH_ACTIVATIONS ?? 1_000_000);
const TARGET = { ratio: 0.4, validateP99: 15, listP99: 30 };

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type RunResult = { rps: number; p99: number; non2xx: number; errors: number };

async function run(opts: { url: string; connections: number; method?: 'GET' | 'POST'; headers?: Record<string, string>; bodies?: string[]; durationS?: number }): Promise<RunResult> {
  let i = 0;
  const requests = opts.bodies ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: opts.bodies![i++ % opts.bodies!.length] }) }] : undefined;
  const base = { url: opts.url, connections: opts.connections, method: opts.method ?? 'GET', headers: opts.headers ?? {}, ...(requests ? { requests } : {}) };
  await autocannon({ ...base, duration: 2 } as Parameters<typeof autocannon>[0]);
  const r = await autocannon({ ...base, duration: opts.durationS ?? DURATION_S } as Parameters<typeof autocannon>[0]);
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
/** The median round: req/s and p99 each the median of the rounds; failures summed. */
const medianRun = (runs: RunResult[]): RunResult => ({
  rps: middle(runs.map((r) => r.rps)),
  p99: middle(runs.map((r) => r.p99)),
  non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  errors: runs.reduce((n, r) => n + r.errors, 0),
});

const line = (name: string, r: { rps: number; p99: number; non2xx: number; errors: number }) =>
  `  ${name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${r.p99.toFixed(1).padStart(6)} ms${r.non2xx || r.errors ? `   (${r.non2xx} non-2xx, ${r.errors} errors!)` : ''}`;

/** The first page of the key list as the repository's prepared query reads it for an admin (keys.repository.ts). */
const KEY_LIST_PAGE_SQL = `select k.id, k.account_id, k.key_group_id, g.name as key_group_name, k.product_id, p.code as product_code, p.name as product_name, p.latest_version,
  k.edition_id, e.code as edition_code, e.name as edition_name, k.license_key, k.seats, k.term, k.valid_until, k.maintenance_start, k.maintenance_end, k.status,
  k.assigned_name, k.assigned_email, k.assigned_user_id, k.last_used_version, k.last_seen_at, k.version, k.created_at,
  (select count(*) from activations as a where a.key_id = k.id and a.status = 'active') as seats_used
  from product_keys as k inner join products as p on p.id = k.product_id left join editions as e on e.id = k.edition_id left join key_groups as g on g.id = k.key_group_id
  where k.account_id = ? order by k.created_at desc, k.id desc limit ?`;

async function benchOne(name: string, database: { dialect: 'sqlite'; file: string; dataDir: string } | { dialect: 'postgres'; url: string }): Promise<boolean> {
  console.log(`\n${name}: generating ${KEYS} keys and ${ACTIVATIONS} activations`);
  const data = await generateKeysData({
    database: database.dialect === 'sqlite' ? { dialect: 'sqlite', file: database.file } : database,
    keys: KEYS,
    activations: ACTIVATIONS,
    bigAccountKeys: Math.min(20_000, KEYS),
    log: (s) => console.log(s),
  });
  const portico = await startPorticoOn(database, { LICENSING_RATE_PER_IP: '1000000000', LICENSING_RATE_PER_KEY: '1000000000' });
  const barePort = await freePort();
  const bare = await startNode({ script: path.join(ROOT, 'bench/bare-signed.mjs'), port: barePort, env: {}, readyPath: '/healthz' }).catch(async () => null);
  try {
    const bodies = data.samples.map((s) => JSON.stringify({ key: s.key, fingerprint: s.fingerprint, version: '2026.3' }));
    warnIfBusy();
    // Validate against the two bare routes in rounds, one after the other, so that a burst of other
    // work on the machine falls on all three alike; the ratio is the median of the rounds' ratios.
    const bareReads = await startNode({
      script: path.join(ROOT, 'bench/bare-signed.mjs'), port: await freePort(), readyPath: '/healthz',
      env: database.dialect === 'sqlite' ? { BARE_SQLITE_FILE: database.file } : { BARE_PG_URL: database.url },
    });
    const validateOpts = { connections: 100, method: 'POST' as const, headers: { 'content-type': 'application/json' }, bodies, durationS: Math.max(4, Math.round(DURATION_S / 2)) };
    const rounds: { portico: RunResult; bare: RunResult | null; reads: RunResult }[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        rounds.push({
          portico: await run({ url: `${portico.baseUrl}/api/v1/licensing/validate`, ...validateOpts }),
          bare: bare ? await run({ url: `${bare.baseUrl}/validate`, ...validateOpts }) : null,
          // The same bare route doing validate's two reads on the database first (bench/bare-signed.mjs).
          reads: await run({ url: `${bareReads.baseUrl}/validate`, ...validateOpts }),
        });
      }
    } finally {
      await bareReads.stop();
    }
    const portico100 = medianRun(rounds.map((r) => r.portico));
    const bareRun = bare ? medianRun(rounds.map((r) => r.bare!)) : null;
    const bareReadsRun = medianRun(rounds.map((r) => r.reads));
    const roundRatios = rounds.map((r) => (r.bare ? r.portico.rps / r.bare.rps : 0));
    const cookie = await loginCookie({ baseUrl: portico.baseUrl, email: BENCH_ADMIN.email, password: BENCH_ADMIN.password });
    const list = await run({ url: `${portico.baseUrl}/api/v1/keys?limit=25`, connections: 10, headers: { cookie } });
    const filtered = await run({ url: `${portico.baseUrl}/api/v1/keys?limit=25&filter=maintenance_expiring&q=user`, connections: 10, headers: { cookie } });
    // The key list's page SQL alone in a bare Fastify route on the same database: what the engine
    // and Node allow at 10 connections before any of Portico's work (session, scope, hints, schema).
    const bareList = await startNode({
      script: path.join(ROOT, 'bench/bare-query.mjs'), port: await freePort(), readyPath: '/json',
      env: {
        BARE_SQL: KEY_LIST_PAGE_SQL, BARE_PARAMS: JSON.stringify([BENCH_BIG_ACCOUNT, 26]),
        ...(database.dialect === 'sqlite' ? { BARE_SQLITE_FILE: database.file } : { BARE_PG_URL: database.url }),
      },
    });
    const bareListRun = await run({ url: `${bareList.baseUrl}/json`, connections: 10 }).finally(() => bareList.stop());
    console.log(line('validate (Portico)', portico100));
    if (bareRun) console.log(line('validate (bare Fastify + Ed25519)', bareRun));
    console.log(line('  … + the key and machine reads', bareReadsRun));
    console.log(line(`key list, ${Math.min(20_000, KEYS)} keys in the account`, list));
    console.log(line('key list, filtered + search', filtered));
    console.log(line('bare Fastify + the key list page SQL', bareListRun));
    const ratio = middle(roundRatios);
    console.log(`  validate, ${ROUNDS} rounds of ${validateOpts.durationS} s: Portico/bare per round ${roundRatios.map((r) => r.toFixed(2)).join(', ')}; medians above`);
    const ok = [ratio >= TARGET.ratio, portico100.p99 < TARGET.validateP99, list.p99 < TARGET.listP99, filtered.p99 < TARGET.listP99];
    console.log(`  ratio ${ratio.toFixed(2)} (target ≥ ${TARGET.ratio}) ${verdict(ok[0]!)}; validate p99 ${portico100.p99} ms (< ${TARGET.validateP99}) ${verdict(ok[1]!)}; list p99 ${list.p99} / ${filtered.p99} ms (< ${TARGET.listP99}) ${verdict(ok[2]! && ok[3]!)}; validate at ${(portico100.rps / bareReadsRun.rps).toFixed(2)} of the bare route with its reads; the list at ${(list.rps / bareListRun.rps).toFixed(2)} of the bare page SQL`);
    return ok.every(Boolean) && !portico100.non2xx && !list.non2xx;
  } finally {
    await portico.stop();
    await bare?.stop();
  }
}

export async function benchLicensing(): Promise<boolean> {
  console.log(`\nlicensing: ${DURATION_S} s per run after a 3 s warm-up`);
  const dataDir = tempDir('licensing');
  // BENCH_ONLY=postgres skips the SQLite run (as the reports bench does).
  let ok = process.env.BENCH_ONLY === 'postgres' ? true : await benchOne('SQLite', { dialect: 'sqlite', file: path.join(dataDir, 'portico.sqlite'), dataDir });
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    const name = `portico_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      ok = (await benchOne('PostgreSQL', { dialect: 'postgres', url: url.toString() })) && ok;
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log('  (set BENCH_DATABASE_URL=postgres://… to run the same on PostgreSQL)');
  }
  return ok;
}
