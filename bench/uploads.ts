// `npm run bench -- uploads`: issue #6's targets.
//   A 2 GiB tus upload over loopback (tus-js-client, as the browser uses it): throughput as a ratio
//   of `dd` writing the same size to the same disk in the same run (target ≥ 0.6); the server's RSS
//   growth during the upload (target < 64 MiB). The attachment download as a ratio of nginx
//   (Debian package) serving the same file from the same disk (target ≥ 0.7; skipped without nginx).
//   Beside them, a bare node:http server that hashes and writes the same bytes (bench/bare-upload.mjs):
//   what Node, HTTP and SHA-256 alone reach on this machine.
// BENCH_UPLOAD_MIB picks another size for a quick run.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import http from 'node:http';
import { DEMO_PASSWORD, freePort, loginCookie, rssMiB, sleep, startNode, startPortico, verdict } from './lib.js';

const MIB = Number(process.env.BENCH_UPLOAD_MIB ?? 2048);
const SIZE = MIB * 1024 * 1024;
const TARGET = { uploadRatio: 0.6, rssGrowthMiB: 64, downloadRatio: 0.7 };

function writeSource(file: string) {
  const block = crypto.randomBytes(4 * 1024 * 1024);
  const fd = fs.openSync(file, 'w');
  for (let n = 0; n < SIZE; n += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, SIZE - n));
  fs.closeSync(fd);
}

/** Seconds dd takes to write SIZE bytes into `dir` (page cache, like the server's writes; no fsync on either side). */
function ddSeconds(dir: string) {
  const out = path.join(dir, 'dd.bin');
  const started = performance.now();
  execFileSync('dd', ['if=/dev/zero', `of=${out}`, 'bs=4M', `count=${Math.ceil(SIZE / (4 * 1024 * 1024))}`], { stdio: 'ignore' });
  const s = (performance.now() - started) / 1000;
  fs.rmSync(out);
  return s;
}

/** Seconds a plain HTTP PUT of `file` to the bare upload server takes (hashed and written there). */
async function bareUploadSeconds(file: string, dir: string) {
  const port = await freePort();
  const bare = await startNode({ script: 'bench/bare-upload.mjs', env: { BARE_UPLOAD_DIR: dir }, port, readyPath: '/' });
  try {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'PUT', headers: { 'content-length': SIZE } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      fs.createReadStream(file).pipe(req);
    });
    return (performance.now() - started) / 1000;
  } finally {
    await bare.stop();
    fs.rmSync(path.join(dir, 'bare-upload.bin'), { force: true });
  }
}

async function download(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  if (n !== SIZE) throw new Error(`GET ${url}: ${n} bytes, expected ${SIZE}`);
  return (performance.now() - started) / 1000;
}

function nginxBinary(): string | null {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  return null;
}

async function nginxSeconds(file: string, dir: string): Promise<number | null> {
  const bin = nginxBinary();
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

export async function benchUploads(): Promise<boolean> {
  const server = await startPortico();
  try {
    const source = path.join(server.dataDir, 'source.bin');
    writeSource(source);
    const cookie = await loginCookie({ baseUrl: server.baseUrl, email: 'admin@beispiel.example', password: DEMO_PASSWORD });
    const cases = (await (await fetch(`${server.baseUrl}/api/v1/cases?view=all`, { headers: { cookie } })).json()) as { data: { id: string; status: string }[] };
    const open = cases.data.find((c) => ['new', 'in_progress', 'waiting_on_customer'].includes(c.status));
    if (!open) throw new Error('the demo account has no open case');

    const dd = ddSeconds(server.dataDir);
    const bare = await bareUploadSeconds(source, server.dataDir);
    const baseline = rssMiB(server.child.pid!) ?? 0;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(server.child.pid!) ?? 0);
    }, 100);
    const started = performance.now();
    const attachmentId = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(fs.createReadStream(source, { highWaterMark: 1024 * 1024 }), {
        endpoint: `${server.baseUrl}/api/v1/uploads`,
        uploadSize: SIZE,
        chunkSize: Math.min(SIZE, 256 * 1024 * 1024),
        metadata: { caseId: open.id, filename: 'bench.bin' },
        headers: { cookie, origin: server.baseUrl },
        retryDelays: [],
        storeFingerprintForResuming: false,
        onSuccess: (p) => resolve(p.lastResponse.getHeader('Attachment-Id') ?? ''),
        onError: reject,
      });
      upload.start();
    });
    const uploadS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const growth = peak - baseline;

    const content = `${server.baseUrl}/api/v1/attachments/${attachmentId}/content`;
    await download(content, { cookie });
    const portico = await download(content, { cookie });
    const nginx = await nginxSeconds(source, server.dataDir);

    const rate = (s: number) => `${(MIB / s).toFixed(0)} MiB/s`;
    const uploadRatio = dd / uploadS;
    console.log(`\nuploads: ${MIB} MiB over loopback (tus-js-client, 256 MiB PATCHes)`);
    console.log(`  dd to the same disk           ${rate(dd).padStart(10)}`);
    console.log(`  bare node:http, SHA-256 + write ${rate(bare).padStart(8)}  ratio ${(dd / bare).toFixed(2)} of dd (what Node alone reaches here)`);
    console.log(`  tus upload (SHA-256 included) ${rate(uploadS).padStart(10)}  ratio ${uploadRatio.toFixed(2)} (target ≥ ${TARGET.uploadRatio}) ${verdict(uploadRatio >= TARGET.uploadRatio)}; ${(bare / uploadS).toFixed(2)} of the bare server`);
    console.log(`  server RSS growth             ${growth.toFixed(0).padStart(6)} MiB (target < ${TARGET.rssGrowthMiB}) ${verdict(growth < TARGET.rssGrowthMiB)}`);
    let downloadOk = true;
    if (nginx === null) {
      console.log(`  download                      ${rate(portico).padStart(10)}  (no nginx: apt-get install nginx-light for the ratio)`);
    } else {
      const ratio = nginx / portico;
      downloadOk = ratio >= TARGET.downloadRatio;
      console.log(`  nginx download                ${rate(nginx).padStart(10)}`);
      console.log(`  Portico download              ${rate(portico).padStart(10)}  ratio ${ratio.toFixed(2)} (target ≥ ${TARGET.downloadRatio}) ${verdict(downloadOk)}`);
    }
    return uploadRatio >= TARGET.uploadRatio && growth < TARGET.rssGrowthMiB && downloadOk;
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
