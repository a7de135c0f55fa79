import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import {
  DEMO_PASSWORD,
  ROOT,
  freePort,
  loginCookie,
  median,
  rssMiB,
  sleep,
  startNode,
  startPortico,
  tempDir,
  verdict,
} from './lib.js';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = 3;
const STARTS = 3;

const TARGET = { ratio: 0.5, p99Ms: 20, readyMs: 2000, rssMiB: 150 };

type Load = { reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number; total: number };

async function load(url: string, headers: Record<string, string>): Promise<Load> {
  // Warm-up: JIT, connection pools and SQLite's page cache, thrown away.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP_S });
  const r: Result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

/** Numbers taken while something else uses the CPU mean little on 2 cores: say so. */
export function warnIfBusy(): void {
  const [load1 = 0] = os.loadavg();
  if (load1 > 0.7) console.log(`  WARNING: load average ${load1.toFixed(2)}: other work is running, numbers will be low`);
}

function formatLoad(name: string, l: Load): string {
  const bad = l.non2xx || l.errors ? `  (${l.non2xx} non-2xx, ${l.errors} errors!)` : '';
  return `${name.padEnd(34)} ${l.reqPerSec.toFixed(0).padStart(7)} req/s   p50 ${l.p50.toFixed(1).padStart(5)} ms   p99 ${l.p99
    .toFixed(1)
    .padStart(5)} ms   ${l.total} requests${bad}`;
}

/** Start-up time (spawn → /readyz 200) and idle RSS, first start (migrate + seed) and restart. */
async function startup() {
  const fresh: number[] = [];
  const restart: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const dataDir = tempDir('startup');
    const first = await startPortico({ dataDir });
    fresh.push(first.readyMs);
    await first.stop();
    const again = await startPortico({ dataDir });
    restart.push(again.readyMs);
    // Idle: the worker polls, nothing else happens; give the heap a moment to settle.
    await sleep(2000);
    const pid = again.child.pid;
    const value = pid ? rssMiB(pid) : null;
    if (value !== null) rss.push(value);
    await again.stop();
  }
  return { fresh, restart, rss };
}

export async function benchMe(): Promise<boolean> {
  console.log(`\n# me: GET /api/v1/me with a session vs a bare Fastify JSON route`);
  console.log(`  autocannon ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s each, server and load on ${os.availableParallelism()} cores`);
  warnIfBusy();
  console.log('');

  const portico = await startPortico();
  let me: Load;
  let rssAfterLoad: number | null;
  try {
    const cookie = await loginCookie({ baseUrl: portico.baseUrl, email: 'admin@beispiel.example', password: DEMO_PASSWORD });
    const check = await fetch(`${portico.baseUrl}/api/v1/me`, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`GET /api/v1/me with the session: HTTP ${check.status} ${await check.text()}`);
    me = await load(`${portico.baseUrl}/api/v1/me`, { cookie });
    rssAfterLoad = portico.child.pid ? rssMiB(portico.child.pid) : null;
  } finally {
    await portico.stop();
  }

  const barePort = await freePort();
  const bare = await startNode({ script: path.join(ROOT, 'bench/bare-fastify.mjs'), env: {}, port: barePort, readyPath: '/json' });
  let base: Load;
  try {
    base = await load(`${bare.baseUrl}/json`, {});
  } finally {
    await bare.stop();
  }

  const ratio = me.reqPerSec / base.reqPerSec;
  console.log(formatLoad('Portico GET /api/v1/me', me));
  console.log(formatLoad('bare Fastify GET /json', base));
  const clean = me.non2xx === 0 && me.errors === 0;
  console.log(`ratio (Portico / bare)             ${ratio.toFixed(2)}   target >= ${TARGET.ratio}   ${verdict(ratio >= TARGET.ratio)}`);
  console.log(`p99 of /api/v1/me                  ${me.p99.toFixed(1)} ms   target < ${TARGET.p99Ms} ms   ${verdict(me.p99 < TARGET.p99Ms)}`);
  if (rssAfterLoad !== null) console.log(`RSS after the load                 ${rssAfterLoad.toFixed(0)} MiB`);

  console.log(`\n# start-up: spawn node dist/server/main.js -> GET /readyz 200 (median of ${STARTS})`);
  const s = await startup();
  const freshMs = median(s.fresh);
  const restartMs = median(s.restart);
  const idle = s.rss.length ? median(s.rss) : Number.NaN;
  const list = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
  console.log(`first start (migrate + seed demo)  ${freshMs.toFixed(0)} ms  [${list(s.fresh)}]   target < ${TARGET.readyMs} ms   ${verdict(freshMs < TARGET.readyMs)}`);
  console.log(`restart on existing data           ${restartMs.toFixed(0)} ms  [${list(s.restart)}]   target < ${TARGET.readyMs} ms   ${verdict(restartMs < TARGET.readyMs)}`);
  console.log(`idle RSS 2 s after start           ${idle.toFixed(0)} MiB  [${list(s.rss)}]   target < ${TARGET.rssMiB} MiB   ${verdict(idle < TARGET.rssMiB)}`);

  return (
    clean &&
    ratio >= TARGET.ratio &&
    me.p99 < TARGET.p99Ms &&
    freshMs < TARGET.readyMs &&
    restartMs < TARGET.readyMs &&
    idle < TARGET.rssMiB
  );
}
