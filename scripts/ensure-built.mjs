#!/usr/bin/env node
// Builds the server and the web app (`npm run build`) only when an output is missing or older
// than its sources, so `npm start`, `npm run test:e2e` and the benches start at once on a
// built tree and never run stale code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/server/main.js', 'dist/web/index.html'];
const sourceDirs = ['src'];
const sourceFiles = () => [
  'package.json',
  'vite.config.ts',
  'postcss.config.cjs',
  ...fs.readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name)),
];
const ignoredNames = new Set(['node_modules', '.git']);
const isTestFile = (name) => /\.test\.tsx?$/.test(name);

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest source file as { file, mtime }; tests don't go into the build, so they don't count. */
function newestSource() {
  let newest = { file: null, mtime: 0 };
  const consider = (file) => {
    const mtime = mtimeOf(file);
    if (mtime !== null && mtime > newest.mtime) newest = { file, mtime };
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (ignoredNames.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !isTestFile(entry.name)) consider(full);
    }
  };
  for (const dir of sourceDirs) walk(path.join(root, dir));
  for (const file of sourceFiles()) consider(path.join(root, file));
  return newest;
}

function reasonToBuild() {
  const source = newestSource();
  for (const output of outputs) {
    const mtime = mtimeOf(path.join(root, output));
    if (mtime === null) return `${output} is missing`;
    if (mtime < source.mtime) return `${output} is older than ${path.relative(root, source.file)}`;
  }
  return null;
}

const reason = reasonToBuild();
if (!reason) {
  console.log('ensure-built: dist/ is up to date, not building');
  process.exit(0);
}
console.log(`ensure-built: ${reason}; running npm run build`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`ensure-built: npm run build failed (exit ${result.status ?? result.signal})`);
  process.exit(result.status ?? 1);
}
// tsc leaves an unchanged output's mtime alone only when it skips the file; touch both outputs so a
// build that changed nothing they contain still counts as newer than the sources.
const now = new Date();
for (const output of outputs) {
  const file = path.join(root, output);
  if (!fs.existsSync(file)) {
    console.error(`ensure-built: npm run build succeeded but ${output} is still missing`);
    process.exit(1);
  }
  fs.utimesSync(file, now, now);
}
console.log(`ensure-built: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
