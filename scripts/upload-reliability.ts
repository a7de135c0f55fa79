/**
 * The reliability drills of issue #6 by hand: `npx tsx scripts/upload-reliability.ts [MiB] [kills]`
 * (default 1024 MiB, 3 kills) on SQLite, or with DATABASE_URL on a migrated PostgreSQL database
 * (use an empty scratch database). Prints the result and exits 1 if anything does not match.
 */
import { killDrill, prepareDrill, twoProcessDrill } from '../src/server/test-support/upload-reliability.js';

const mib = Number(process.argv[2] ?? 1024);
const kills = Number(process.argv[3] ?? 3);
const log = (line: string) => console.log(`  ${line}`);

const started = Date.now();
const d = await prepareDrill({ sizeBytes: mib * 1024 * 1024, databaseUrl: process.env.DATABASE_URL ?? null, log });
let failed = false;
try {
  console.log(`kill -9 drill: ${mib} MiB, ${kills} kills`);
  const k = await killDrill(d, { kills });
  console.log(k);
  failed ||= k.attachments !== 1 || k.downloadedSha256 !== d.sha256 || k.reportedSha256 !== d.sha256;
  const d2 = await prepareDrill({ sizeBytes: Math.min(mib, 256) * 1024 * 1024, databaseUrl: process.env.DATABASE_URL ?? null, log });
  console.log('two-process drill');
  const t = await twoProcessDrill(d2);
  console.log(t);
  failed ||= t.attachments !== 1 || t.downloadedSha256 !== d2.sha256;
  await d2.cleanup();
} finally {
  await d.cleanup();
}
console.log(`${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
