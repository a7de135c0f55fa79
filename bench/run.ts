// `npm run bench [-- name…]`: runs the named benches, or all of them. Not part of CI: numbers from a
// shared 2-core machine are for comparing runs by hand (see bench/README.md).
import { auditWeb } from './audit-web.js';
import { benchCases } from './cases.js';
import { benchDownloads } from './downloads.js';
import { benchInvoices } from './invoices.js';
import { benchLicensing } from './licensing.js';
import { benchMe } from './me.js';
import { benchReports } from './reports.js';
import { benchUploads } from './uploads.js';

const BENCHES: Record<string, () => Promise<boolean>> = {
  me: benchMe,
  licensing: benchLicensing,
  cases: benchCases,
  uploads: benchUploads,
  downloads: benchDownloads,
  invoices: benchInvoices,
  reports: benchReports,
  web: auditWeb,
};

const requested = process.argv.slice(2);
const names = requested.length ? requested : Object.keys(BENCHES);
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

let allMet = true;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) continue;
  try {
    allMet = (await bench()) && allMet;
  } catch (err) {
    allMet = false;
    console.error(`\n${name}: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
console.log(allMet ? '\nall targets met' : '\nsome targets missed (see MISSED above)');
process.exitCode = allMet ? 0 : 1;
