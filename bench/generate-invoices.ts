// Data generator for the invoices bench: one account with N invoices across the three tabs (and
// 40 other accounts with a few each), lines like real ones, an admin the bench signs in as, and a
// 50-line invoice for the PDF measurement. SQLite or PostgreSQL.
// Usage: tsx bench/generate-invoices.ts [--invoices 10000]   (DATABASE_URL=postgres://… or DATA_DIR/portico.sqlite)
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/app/config.js';
import { openDatabase } from '../src/server/app/db.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { InvoiceLinesTable } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/modules/auth/password.js';
import { addDays, invoiceTotals, lineAmounts, todayIso } from '../src/server/modules/invoices/money.js';

export const BENCH_INVOICE_ADMIN = { email: 'invoices-admin@bench.example', password: 'bench-password-1234' };
export const BENCH_PDF_INVOICE = 'inv_benchpdf50lines';

/** The account with the generated invoices (the others get a few each). */
export const BENCH_INVOICE_ACCOUNT = 'acc_ibenchbig';
const ACCOUNT = BENCH_INVOICE_ACCOUNT;

export async function generateInvoicesData({ database, invoices = 10_000, log = console.log }: { database: ReturnType<typeof loadConfig>['database']; invoices?: number; log?: (s: string) => void }) {
  const started = performance.now();
  const { db, dialect, destroy } = openDatabase(database, { poolSize: 4 });
  await migrateToLatest(db, dialect);
  const stamp = new Date().toISOString();
  const today = todayIso();
  const others = Array.from({ length: 40 }, (_, i) => `acc_ibench${String(i).padStart(3, '0')}`);
  await db.insertInto('accounts').values([ACCOUNT, ...others].map((id, i) => ({
    id, number: String(800000 + i), name: i === 0 ? 'Invoices Big GmbH' : `Invoices ${i}`, status: 'active' as const, currency: 'EUR', locale: 'de', created_at: stamp, updated_at: stamp,
  }))).execute();
  const hash = await hashPassword(BENCH_INVOICE_ADMIN.password);
  await db.insertInto('users').values({ id: 'usr_ibenchadmin', email: BENCH_INVOICE_ADMIN.email, name: 'Bench Admin', locale: 'de', password_hash: hash, status: 'active', kind: 'customer', staff_role: null, last_login_at: null, created_at: stamp, updated_at: stamp }).execute();
  await db.insertInto('memberships').values({ id: 'mem_ibenchadmin', account_id: ACCOUNT, user_id: 'usr_ibenchadmin', role: 'admin', case_admin: false, billing: true, downloads: false, created_at: stamp, updated_at: stamp }).execute();
  const billTo = JSON.stringify({ accountName: 'Invoices Big GmbH', address: { company: 'Invoices Big GmbH', attention: null, line1: 'Benchweg 1', line2: null, postalCode: '10115', city: 'Berlin', region: null, country: 'DE' }, contact: null });

  const line = (j: number, k: number) => ({ description: `Wartung und Updates, Paket ${k + 1} (Vertrag ${j})`, quantity: 1 + ((j + k) % 20), unitAmount: 1500 + ((j * 37 + k) % 90_000), taxRateBp: k % 4 === 3 ? 700 : 1900 });
  const total = invoices + others.length * 25;
  const batch = 250;
  for (let i = 0; i < total; i += batch) {
    const rows = [];
    const lines: InvoiceLinesTable[] = [];
    for (let j = i; j < Math.min(total, i + batch); j++) {
      const account = j < invoices ? ACCOUNT : others[(j - invoices) % others.length]!;
      // Of the big account's: 3 % scheduled, 22 % unpaid (a third of those overdue), the rest paid or void.
      const r = j % 100;
      const status = r < 3 ? 'draft' : r < 25 ? 'open' : r < 28 ? 'void' : 'paid';
      const issueDate = status === 'draft' ? addDays(today, 1 + (j % 60)) : addDays(today, -((j * 3) % 1500) - (status === 'open' ? 0 : 30));
      const due = addDays(issueDate, status === 'open' && j % 3 === 0 ? 0 : 30);
      const ls = Array.from({ length: 1 + (j % 4) }, (_, k) => line(j, k));
      const totals = invoiceTotals(ls);
      const id = `inv_ibench${String(j).padStart(7, '0')}`;
      rows.push({
        id, number: status === 'draft' ? null : `INV-${issueDate.slice(0, 4)}-${String(900_000 + j).padStart(7, '0')}`, account_id: account, status: status as 'draft' | 'open' | 'void' | 'paid',
        scheduled: status === 'draft', currency: j % 10 === 9 ? 'USD' : 'EUR', language: 'de' as const, issue_date: issueDate, due_date: due, terms_days: 30, bill_to: billTo, vat_id: 'DE123456789',
        po_reference: null, memo: null, ...totals, amount_paid: status === 'paid' ? totals.total : 0, created_by_user_id: null, issued_at: status === 'draft' ? null : stamp,
        paid_at: status === 'paid' ? stamp : null, voided_at: status === 'void' ? stamp : null, void_reason: null, uncollectible_at: null, version: 1, created_at: stamp, updated_at: stamp,
      });
      ls.forEach((l, k) => {
        lines.push({
          id: `inl_ibench${String(j).padStart(7, '0')}_${k}`, invoice_id: id, position: k + 1, product_id: null, product_name: null, description: l.description,
          period_start: null, period_end: null, quantity: l.quantity, unit_amount: l.unitAmount, tax_rate_bp: l.taxRateBp, ...lineAmounts(l),
        });
      });
    }
    await db.insertInto('invoices').values(rows).execute();
    await db.insertInto('invoice_lines').values(lines).execute();
  }
  const pdfLines = Array.from({ length: 50 }, (_, k) => ({ ...line(k, k), description: `Lizenz ${k + 1}: Wartung und Updates für Arbeitsplätze in Köln, Düsseldorf und Zürich (12 Monate)` }));
  const pdfTotals = invoiceTotals(pdfLines);
  await db.insertInto('invoices').values({
    id: BENCH_PDF_INVOICE, number: `INV-${today.slice(0, 4)}-0999999`, account_id: ACCOUNT, status: 'open', scheduled: false, currency: 'EUR', language: 'de', issue_date: today,
    due_date: addDays(today, 14), terms_days: 14, bill_to: billTo, vat_id: 'DE123456789', po_reference: 'PO-BENCH', memo: null, ...pdfTotals, amount_paid: 0, created_by_user_id: null,
    issued_at: stamp, paid_at: null, voided_at: null, void_reason: null, uncollectible_at: null, version: 1, created_at: stamp, updated_at: stamp,
  }).execute();
  await db.insertInto('invoice_lines').values(pdfLines.map((l, k) => ({
    id: `inl_benchpdf_${k}`, invoice_id: BENCH_PDF_INVOICE, position: k + 1, product_id: null, product_name: 'Beispiel Analytics Server', description: l.description, period_start: null,
    period_end: null, quantity: l.quantity, unit_amount: l.unitAmount, tax_rate_bp: l.taxRateBp, ...lineAmounts(l),
  }))).execute();
  // What autovacuum would have gathered a minute later: without statistics PostgreSQL plans the
  // freshly loaded tables as if they were empty.
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  await destroy();
  const seconds = (performance.now() - started) / 1000;
  log(`  ${total} invoices (${invoices} in the big account) in ${seconds.toFixed(1)} s`);
  return { seconds };
}

if (process.argv[1]?.endsWith('generate-invoices.ts')) {
  const { values } = parseArgs({ options: { invoices: { type: 'string' } } });
  await generateInvoicesData({ database: loadConfig().database, invoices: Number(values.invoices ?? 10_000) });
}
