// Data generator for the cases bench: N cases over A accounts with C comments, one "big" account
// with its own share (B cases) whose admin and member the bench signs in as; SQLite or PostgreSQL.
// Usage: tsx bench/generate-cases.ts [--cases 1000000] [--accounts 50000] [--comments 3000000] [--big 5000]
//        (DATABASE_URL=postgres://… for PostgreSQL, else DATA_DIR/portico.sqlite)
import { scopedSearchText } from '../src/server/db/migrations/0005_case_list_performance.js';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/app/config.js';
import { openDatabase } from '../src/server/app/db.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { hashPassword } from '../src/server/modules/auth/password.js';

export const BENCH_CASE_ADMIN = { email: 'cases-admin@bench.example', password: 'bench-password-1234' };
export const BENCH_CASE_MEMBER = { email: 'cases-member@bench.example', password: 'bench-password-1234' };
/** The account with bigAccountCases cases (the first one generated). */
export const BIG_ACCOUNT_ID = 'acc_cbench000000';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const WORDS = ['Export', 'Dashboard', 'Lizenz', 'Server', 'Abfrage', 'Zeitüberschreitung', 'Rechnung', 'Anmeldung', 'Datenquelle', 'Filter', 'Karte', 'Druck', 'Update', 'Fehler', 'Leistung', 'Berechtigung'];
const STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed'] as const;

export async function generateCasesData({
  database, cases = 1_000_000, accounts = 50_000, comments = 3_000_000, bigAccountCases = 5_000, log = console.log,
}: { database: ReturnType<typeof loadConfig>['database']; cases?: number; accounts?: number; comments?: number; bigAccountCases?: number; log?: (s: string) => void }) {
  const started = performance.now();
  const { db, dialect, destroy } = openDatabase(database, { poolSize: 4 });
  await migrateToLatest(db, dialect);
  const now = Date.now();
  const stamp = iso(now);
  const accountIds = Array.from({ length: accounts }, (_, i) => (i === 0 ? BIG_ACCOUNT_ID : `acc_cbench${String(i).padStart(6, '0')}`));
  for (let i = 0; i < accounts; i += 1000) {
    await db.insertInto('accounts').values(accountIds.slice(i, i + 1000).map((id, j) => ({
      id, number: String(700000 + i + j), name: i + j === 0 ? 'Cases Big GmbH' : `Cases ${i + j}`, status: 'active' as const, currency: 'EUR', locale: 'de', created_at: stamp, updated_at: stamp,
    }))).execute();
  }
  const big = accountIds[0]!;
  const hash = await hashPassword(BENCH_CASE_ADMIN.password);
  // One user per account opens its cases; the big account also has the admin and a member the bench signs in as.
  for (let i = 0; i < accounts; i += 1000) {
    const ids = accountIds.slice(i, i + 1000);
    await db.insertInto('users').values(ids.map((a) => ({
      id: `usr_c${a.slice(4)}`, email: `${a}@bench.example`, name: `Contact ${a.slice(-6)}`, locale: 'de' as const, password_hash: null, status: 'active' as const,
      kind: 'customer' as const, staff_role: null, last_login_at: null, created_at: stamp, updated_at: stamp,
    }))).execute();
    await db.insertInto('memberships').values(ids.map((a) => ({
      id: `mem_c${a.slice(4)}`, account_id: a, user_id: `usr_c${a.slice(4)}`, role: 'member' as const, case_admin: false, billing: false, downloads: false, created_at: stamp, updated_at: stamp,
    }))).execute();
  }
  for (const [id, who, role] of [['usr_cbenchadmin', BENCH_CASE_ADMIN, 'admin'], ['usr_cbenchmember', BENCH_CASE_MEMBER, 'member']] as const) {
    await db.insertInto('users').values({ id, email: who.email, name: id, locale: 'de', password_hash: hash, status: 'active', kind: 'customer', staff_role: null, last_login_at: null, created_at: stamp, updated_at: stamp }).execute();
    await db.insertInto('memberships').values({ id: `mem_${id}`, account_id: big, user_id: id, role, case_admin: false, billing: false, downloads: false, created_at: stamp, updated_at: stamp }).execute();
  }

  const batch = 400;
  const caseIds: string[] = [];
  const done = (j: number) => STATUSES[j % 5] === 'solved' || STATUSES[j % 5] === 'closed';
  for (let i = 0; i < cases; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(cases, i + batch); j++) {
      const id = `cas_bench${String(j).padStart(8, '0')}`;
      caseIds.push(id);
      const inBig = j < bigAccountCases;
      const account = inBig ? big : accountIds[1 + ((j - bigAccountCases) % (accounts - 1))]!;
      // In the big account every fifth case is the member's, the rest the account contact's.
      const user = inBig && j % 5 === 0 ? 'usr_cbenchmember' : `usr_c${account.slice(4)}`;
      const created = now - j * 60_000;
      const subject = `${WORDS[j % WORDS.length]} ${WORDS[(j * 7) % WORDS.length]} ${WORDS[(j * 13) % WORDS.length]} #${j}`;
      rows.push({
        id, number: String(10_000_000 + j), account_id: account, type: j % 3 ? ('technical' as const) : ('customer_service' as const), category: j % 3 ? null : ('other' as const),
        subject, description: `Beschreibung ${j}: ${subject}`, product_id: null, product_version: null, operating_system: null, severity: (['p1', 'p2', 'p3', 'p4'] as const)[j % 4]!,
        key_id: null, invoice_number: null, status: STATUSES[j % 5]!, contact_user_id: user, created_by_user_id: user, assigned_user_id: null, related_case_id: null,
        // Answered within 1–24 hours unless new; solved 1–20 days after opening when solved or closed.
        first_response_due_at: iso(created + 8 * HOUR), first_responded_at: STATUSES[j % 5] === 'new' ? null : iso(Math.min(now, created + (1 + (j % 24)) * HOUR)),
        solved_at: done(j) ? iso(Math.min(now, created + (1 + (j % 20)) * 24 * HOUR)) : null, closed_at: STATUSES[j % 5] === 'closed' ? iso(Math.min(now, created + (2 + (j % 20)) * 24 * HOUR)) : null,
        last_activity_at: iso(created),
        search_text: `${10_000_000 + j}\n${subject}\nBeschreibung ${j}`, search_scoped: scopedSearchText(account, `${10_000_000 + j}\n${subject}\nBeschreibung ${j}`), version: 1, created_at: iso(created), updated_at: iso(created),
      });
    }
    await db.insertInto('cases').values(rows).execute();
    if (i % 100_000 === 0 && i) log(`  ${i} cases …`);
  }
  if (dialect === 'sqlite') await sql`insert into case_search (rowid, scoped, case_id, search_text) select rowid, search_scoped, id, search_text from cases`.execute(db);
  await db.insertInto('case_views').values(caseIds.slice(0, Math.min(200, bigAccountCases)).map((id, i) => ({ user_id: 'usr_cbenchadmin', case_id: id, viewed_at: iso(now - i * 1000) }))).execute();
  log(`  ${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  for (let i = 0; i < comments; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(comments, i + 1000); j++) {
      const caseId = caseIds[j % cases]!;
      rows.push({ id: `cmt_bench${String(j).padStart(9, '0')}`, case_id: caseId, author_user_id: null, author_kind: j % 2 ? ('staff' as const) : ('customer' as const), visibility: j % 5 === 4 ? ('internal' as const) : ('public' as const), body: `Kommentar ${j}`, created_at: iso(now - (j % 100_000) * 1000) });
    }
    await db.insertInto('case_comments').values(rows).execute();
  }
  // What autovacuum would have gathered a minute later: without statistics PostgreSQL plans the
  // freshly loaded tables as if they were empty.
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  await destroy();
  const seconds = (performance.now() - started) / 1000;
  log(`  ${comments} comments; total ${seconds.toFixed(1)} s`);
  return { seconds };
}

if (process.argv[1]?.endsWith('generate-cases.ts')) {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, accounts: { type: 'string' }, comments: { type: 'string' }, big: { type: 'string' } } });
  await generateCasesData({
    database: loadConfig().database,
    cases: Number(values.cases ?? 1_000_000),
    accounts: Number(values.accounts ?? 50_000),
    comments: Number(values.comments ?? 3_000_000),
    bigAccountCases: Number(values.big ?? 5_000),
  });
}
