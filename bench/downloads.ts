// `npm run bench -- downloads`: issue #8's targets.
//   A 1 GiB release file: one download through a signed link (entitlement checked, Range-capable
//   streaming from storage, audit event) as a ratio of nginx (Debian package, started here on a
//   loopback port) serving the same file from the same disk (target ≥ 0.7); the server's RSS growth
//   while 20 downloads of it run in parallel (target < 32 MiB: nothing is buffered whole).
// BENCH_DOWNLOAD_MIB picks another size for a quick run.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { DEMO_PASSWORD, freePort, loginCookie, rssMiB, sleep, startPortico, verdict } from './lib.js';

const MIB = Number(process.env.BENCH_DOWNLOAD_MIB ?? 1024);
const SIZE = MIB * 1024 * 1024;
const PARALLEL = 20;
const TARGET = { ratio: 0.7, rssGrowthMiB: 32 };

function writeSource(file: string) {
  const block = crypto.randomBytes(4 * 1024 * 1024);
  const fd = fs.openSync(file, 'w');
  for (let n = 0; n < SIZE; n += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, SIZE - n));
  fs.closeSync(fd);
}

/** Reads the whole body, counting bytes; seconds from request to last byte. */
async function download(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  if (n !== SIZE) throw new Error(`GET ${url}: ${n} bytes, expected ${SIZE}`);
  return (performance.now() - started) / 1000;
}

async function api<T>(baseUrl: string, cookie: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { cookie, origin: baseUrl, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** nginx on a loopback port serving `file`'s directory; seconds for one download of it (after a warm-up), or null without nginx. */
async function nginxSeconds(file: string, dir: string): Promise<number | null> {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
  if (!bin) return null;
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log;
events { worker_connections 64; }
http { access_log off; sendfile on; client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${path.dirname(file)}; } }\n`,
  );
  const child = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) break;
      await sleep(50);
    }
    await download(`http://127.0.0.1:${port}/${path.basename(file)}`);
    return await download(`http://127.0.0.1:${port}/${path.basename(file)}`);
  } finally {
    child.kill('SIGTERM');
  }
}

export async function benchDownloads(): Promise<boolean> {
  const server = await startPortico();
  try {
    const source = path.join(server.dataDir, 'release.bin');
    writeSource(source);
    const staff = await loginCookie({ baseUrl: server.baseUrl, email: 'staff-admin@portico.example', password: DEMO_PASSWORD });
    const customer = await loginCookie({ baseUrl: server.baseUrl, email: 'admin@beispiel.example', password: DEMO_PASSWORD });

    // A release of a product the demo admin holds keys for, its file uploaded through tus like the console does.
    const list = await api<{ data: { product: { id: string; code: string } }[] }>(server.baseUrl, staff, 'GET', '/api/v1/staff/releases');
    const product = list.data.find((p) => p.product.code === 'analytics-desktop')!.product;
    const release = await api<{ data: { id: string } }>(server.baseUrl, staff, 'POST', '/api/v1/staff/releases', { productId: product.id, version: `9999.${Date.now()}`, channel: 'stable' });
    const artifactId = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(fs.createReadStream(source, { highWaterMark: 1024 * 1024 }), {
        endpoint: `${server.baseUrl}/api/v1/uploads`,
        uploadSize: SIZE,
        chunkSize: Math.min(SIZE, 256 * 1024 * 1024),
        metadata: { releaseId: release.data.id, platform: 'linux', arch: 'x64', filename: 'bench-release.tar.gz' },
        headers: { cookie: staff, origin: server.baseUrl },
        retryDelays: [],
        storeFingerprintForResuming: false,
        onSuccess: (p) => resolve(p.lastResponse.getHeader('Attachment-Id') ?? ''),
        onError: reject,
      });
      upload.start();
    });
    await api(server.baseUrl, staff, 'POST', `/api/v1/staff/releases/${release.data.id}/publish`, { notify: false }, { 'if-match': '"1"' });
    const link = async () => `${server.baseUrl}${(await api<{ data: { url: string } }>(server.baseUrl, customer, 'POST', `/api/v1/downloads/${artifactId}/link`, {})).data.url}`;

    // One download each, after a warm-up (page cache), Portico first, then nginx.
    const url = await link();
    await download(url, { cookie: customer });
    const portico = await download(url, { cookie: customer });
    const nginx = await nginxSeconds(source, server.dataDir);

    // 20 at once through one fresh link; RSS sampled throughout.
    const parallelUrl = await link();
    const baseline = rssMiB(server.child.pid!) ?? 0;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(server.child.pid!) ?? 0);
    }, 50);
    const started = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, () => download(parallelUrl, { cookie: customer })));
    const parallelS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const growth = peak - baseline;

    const rate = (s: number, n = 1) => `${((MIB * n) / s).toFixed(0)} MiB/s`;
    console.log(`\ndownloads: a ${MIB} MiB release file over loopback (signed link, entitlement checked, streamed from local storage)`);
    if (nginx === null) {
      console.log(`  Portico                      ${rate(portico).padStart(10)}`);
      console.log('  nginx                        not installed (apt-get install nginx): ratio not measured  MISSED');
    } else {
      const ratio = nginx / portico;
      console.log(`  nginx (sendfile)             ${rate(nginx).padStart(10)}`);
      console.log(`  Portico                      ${rate(portico).padStart(10)}  ratio ${ratio.toFixed(2)} (target ≥ ${TARGET.ratio}) ${verdict(ratio >= TARGET.ratio)}`);
    }
    console.log(`  ${PARALLEL} in parallel               ${rate(parallelS, PARALLEL).padStart(10)} in total`);
    console.log(`  server RSS growth            ${growth.toFixed(0).padStart(6)} MiB (target < ${TARGET.rssGrowthMiB}) ${verdict(growth < TARGET.rssGrowthMiB)}`);
    return nginx !== null && nginx / portico >= TARGET.ratio && growth < TARGET.rssGrowthMiB;
  } finally {
    await server.stop();
  }
}
