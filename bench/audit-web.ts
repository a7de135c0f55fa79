// `npm run audit:web` (also `npm run bench -- web`): Lighthouse 12 in Debian's Chromium, mobile
// emulation (Lighthouse's default config), on the login page and the signed-in dashboard; and the
// gzipped JavaScript a first visit to /login loads, measured in a real browser session.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { DEMO_PASSWORD, ROOT, loginCookie, startPortico, verdict } from './lib.js';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TARGET = { performance: 95, accessibility: 100, 'best-practices': 95, jsGzipKiB: 200 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const REPORT_DIR = path.join(ROOT, 'test-results/lighthouse');

type Scores = Record<(typeof CATEGORIES)[number], number>;

async function runLighthouse({ url, port, cookie, name }: { url: string; port: number; cookie?: string; name: string }) {
  const result = await lighthouse(
    url,
    {
      port,
      output: ['html', 'json'],
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    },
    undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const [html] = Array.isArray(result.report) ? result.report : [result.report];
  fs.writeFileSync(path.join(REPORT_DIR, `${name}.html`), html ?? '');
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
  ) as Scores;
  // What cost the points: every audit in the three categories that did not pass.
  const misses: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 0.9) continue;
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      if (ref.weight > 0) {
        misses.push(`${c}: ${audit.id}${value} score ${audit.score}`);
      } else if (c === 'performance' && audit.details?.type === 'opportunity') {
        // Unweighted, but these say why the weighted metrics are slow (compression, unused JS, …).
        misses.push(`opportunity: ${audit.id}${value}`);
      }
    }
  }
  const finalUrl = lhr.finalDisplayedUrl;
  return { scores, misses, finalUrl, metrics: pickMetrics(lhr.audits) };
}

function pickMetrics(audits: Record<string, { displayValue?: string | undefined }>) {
  const ids = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  return ids.map((id) => `${id.replace(/-/g, ' ')} ${audits[id]?.displayValue ?? '?'}`).join(', ');
}

/** Sum of the gzipped sizes of every JavaScript response a first visit to /login receives. */
async function firstVisitJs(baseUrl: string) {
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS.slice(1) });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const pending: Promise<{ url: string; raw: number; gzip: number }>[] = [];
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      const isJs = response.request().resourceType() === 'script' || /javascript/.test(type);
      if (!isJs || response.status() !== 200) return;
      pending.push(
        response.body().then((body) => ({
          url: new URL(response.url()).pathname,
          raw: body.length,
          gzip: zlib.gzipSync(body, { level: 9 }).length,
        })),
      );
    });
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    const files = await Promise.all(pending);
    await context.close();
    return files;
  } finally {
    await browser.close();
  }
}

export async function auditWeb(): Promise<boolean> {
  if (!fs.existsSync(CHROME_PATH)) {
    throw new Error(`No Chromium at ${CHROME_PATH}: apt-get install chromium, or set CHROME_PATH`);
  }
  console.log('\n# web: Lighthouse 12 (mobile emulation, simulated throttling) and first-load JavaScript\n');
  const portico = await startPortico();
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  let met = true;
  try {
    const files = await firstVisitJs(portico.baseUrl);
    const gzipKiB = files.reduce((sum, f) => sum + f.gzip, 0) / 1024;
    const rawKiB = files.reduce((sum, f) => sum + f.raw, 0) / 1024;
    console.log(`first visit to /login: ${files.length} JavaScript files, ${rawKiB.toFixed(1)} KiB raw, ${gzipKiB.toFixed(1)} KiB gzipped`);
    for (const f of files.sort((a, b) => b.gzip - a.gzip)) {
      console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(7)} KiB gz  ${(f.raw / 1024).toFixed(1).padStart(7)} KiB  ${f.url}`);
    }
    const jsOk = files.length > 0 && gzipKiB <= TARGET.jsGzipKiB;
    console.log(`JavaScript gzipped ${gzipKiB.toFixed(1)} KiB   target <= ${TARGET.jsGzipKiB} KiB   ${verdict(jsOk)}\n`);
    met &&= jsOk;

    const cookie = await loginCookie({ baseUrl: portico.baseUrl, email: 'admin@beispiel.example', password: DEMO_PASSWORD });
    chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
    const pages = [
      { name: 'login', url: `${portico.baseUrl}/login` },
      { name: 'dashboard', url: `${portico.baseUrl}/`, cookie },
    ];
    for (const p of pages) {
      const r = await runLighthouse({ ...p, port: chrome.port });
      const line = CATEGORIES.map((c) => {
        const ok = r.scores[c] >= TARGET[c];
        met &&= ok;
        return `${c} ${r.scores[c]} (>= ${TARGET[c]} ${verdict(ok)})`;
      }).join('   ');
      console.log(`${p.name.padEnd(10)} ${line}`);
      if (new URL(r.finalUrl).pathname !== new URL(p.url).pathname) {
        console.log(`           note: ended on ${r.finalUrl}, not ${p.url}`);
        if (p.cookie) met = false;
      }
      console.log(`           ${r.metrics}`);
      for (const m of r.misses) console.log(`           - ${m}`);
    }
    console.log(`\nLighthouse reports: ${path.relative(ROOT, REPORT_DIR)}/{login,dashboard}.html`);
  } finally {
    await chrome?.kill();
    await portico.stop();
  }
  return met;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  auditWeb().then(
    (met) => {
      console.log(met ? '\nall targets met' : '\nsome targets missed (see MISSED above)');
      process.exitCode = met ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 1;
    },
  );
}
