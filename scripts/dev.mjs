#!/usr/bin/env node
// `npm run dev`: the API with reload on change (tsx watch, port 3000) and the Vite dev server
// (port 5173, proxies /api to 3000) side by side. Ctrl-C or a signal stops both; when either
// exits, the other is stopped and dev exits with the first one's code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const children = [
  { name: 'server', cmd: bin('tsx'), args: ['watch', '--clear-screen=false', 'src/server/main.ts'] },
  { name: 'web', cmd: bin('vite'), args: [] },
].map((spec) => {
  const child = spawn(spec.cmd, spec.args, { cwd: root, stdio: 'inherit', env: process.env });
  return { ...spec, child, exited: false };
});

let exitCode = null;

let forceTimer = null;

function stopAll(signal) {
  for (const c of children) if (!c.exited) c.child.kill(signal);
  // A child that ignores the signal must not keep dev alive forever.
  if (forceTimer) return;
  forceTimer = setTimeout(() => {
    for (const c of children) if (!c.exited) c.child.kill('SIGKILL');
  }, 10_000);
  forceTimer.unref();
}

for (const c of children) {
  c.child.on('error', (err) => {
    console.error(`dev: could not start ${c.name} (${c.cmd}): ${err.message}`);
    c.exited = true;
    if (exitCode === null) exitCode = 1;
    stopAll('SIGTERM');
    if (children.every((x) => x.exited)) process.exit(exitCode);
  });
  c.child.on('exit', (code, signal) => {
    c.exited = true;
    if (exitCode === null) {
      exitCode = code ?? (signal ? 1 : 0);
      console.error(`dev: ${c.name} exited (${signal ?? `code ${code}`}); stopping the rest`);
      stopAll('SIGTERM');
    }
    if (children.every((x) => x.exited)) process.exit(exitCode);
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (exitCode === null) exitCode = signal === 'SIGINT' ? 130 : 143;
    stopAll(signal);
  });
}
