import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceStatus } from '../../db/schema.js';
import { buildAccount } from '../../test-support/factories.js';
import { buildInvoice } from '../../test-support/invoice-factories.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createInvoicesRepository } from './invoices.repository.js';

const STATUSES: InvoiceStatus[] = ['draft', 'open', 'paid', 'void', 'uncollectible'];

describe('per-tab invoice totals (kept by triggers)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const line = (r: { account_id: string; tab: string; currency: string; n: unknown; total: unknown; balance: unknown }) =>
    `${r.account_id}/${r.tab}/${r.currency} n=${Number(r.n)} total=${Number(r.total)} balance=${Number(r.balance)}`;
  async function kept() {
    const rows = await t.db.selectFrom('invoice_totals').selectAll().where('n', '>', 0).execute();
    return rows.map(line).sort();
  }
  async function actual() {
    const rows = await t.db
      .selectFrom('invoices')
      .select((eb) => ['account_id', 'tab', 'currency', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('total').as('total'), eb.fn.sum<number>(eb('total', '-', eb.ref('amount_paid'))).as('balance')])
      .groupBy(['account_id', 'tab', 'currency'])
      .execute();
    return rows.map(line).sort();
  }

  /** The number search's suffix rows (migration 0014) against what the invoices say they must be. */
  async function suffixes() {
    const rows = await t.db.selectFrom('invoice_number_suffixes').selectAll().execute();
    return rows.map((r) => `${r.account_id}/${r.invoice_id}/${r.suffix}`).sort();
  }
  async function expectedSuffixes() {
    const rows = await t.db.selectFrom('invoices').select(['id', 'account_id', 'number']).where('number', 'is not', null).execute();
    return rows.flatMap((r) => Array.from(r.number!, (_, k) => `${r.account_id}/${r.id}/${r.number!.slice(k)}`)).sort();
  }

  it('match the invoices after inserts, status and payment changes, moves between accounts and deletes', async () => {
    const accounts = [await buildAccount(t.db), await buildAccount(t.db)];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const status = STATUSES[i % STATUSES.length]!;
      const invoice = await buildInvoice(t.db, {
        accountId: accounts[i % 2]!.id,
        status,
        scheduled: status === 'draft' && i % 3 === 0,
        currency: i % 4 === 0 ? 'USD' : 'EUR',
        lines: [{ unitAmount: 1000 * (i + 1) }],
      });
      ids.push(invoice.invoiceId);
    }
    expect(await kept()).toEqual(await actual());
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    for (let i = 0; i < 60; i++) {
      const id = pick();
      const status = STATUSES[Math.floor(Math.random() * STATUSES.length)]!;
      const row = await t.db.selectFrom('invoices').select(['total', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
      // Drafts have no number; the check constraint keeps them apart, so move only between issued states.
      if ((status === 'draft') !== (row.number === null)) continue;
      await t.db.updateTable('invoices').set({ status }).where('id', '=', id).execute();
      await t.db.updateTable('invoices').set({ amount_paid: Math.floor(Number(row.total) * Math.random()) }).where('id', '=', pick()).where('total', '>=', Number(row.total)).execute();
      // An edit of another column and a no-change update must keep the totals too.
      await t.db.updateTable('invoices').set({ memo: `Edited ${i}` }).where('id', '=', id).execute();
      await t.db.updateTable('invoices').set({ status }).where('id', '=', id).execute();
    }
    expect(await kept()).toEqual(await actual());
    // Issuing a draft gives it a number; its suffixes appear with it.
    const draft = await t.db.selectFrom('invoices').select('id').where('status', '=', 'draft').where('id', 'in', ids).executeTakeFirstOrThrow();
    await t.db.updateTable('invoices').set({ status: 'open', number: `INV-2099-${draft.id.slice(-6).toUpperCase()}` }).where('id', '=', draft.id).execute();
    expect(await suffixes()).toEqual(await expectedSuffixes());
    await t.db.updateTable('invoices').set({ account_id: accounts[0]!.id, currency: 'CHF' }).where('id', 'in', ids.slice(0, 6)).execute();
    await t.db.deleteFrom('invoice_lines').where('invoice_id', 'in', ids.slice(20)).execute();
    await t.db.deleteFrom('invoices').where('id', 'in', ids.slice(20)).execute();
    expect(await kept()).toEqual(await actual());
    expect(await suffixes()).toEqual(await expectedSuffixes());
  });

  it('a number search lists and totals exactly the invoices whose number holds the text, with few and with many matches, page by page', async () => {
    const account = await buildAccount(t.db);
    const other = await buildAccount(t.db);
    for (let i = 0; i < 230; i++) {
      const status = STATUSES[1 + (i % 4)]!;
      await buildInvoice(t.db, { accountId: account.id, status, issueDate: `2026-0${1 + (i % 9)}-1${i % 10}`, currency: i % 7 ? 'EUR' : 'USD', lines: [{ unitAmount: 100 * (i + 1) }] });
    }
    // The same numbers' neighbours in another account must never show.
    for (let i = 0; i < 5; i++) await buildInvoice(t.db, { accountId: other.id });
    const all = await t.db.selectFrom('invoices').select(['id', 'number', 'tab', 'issue_date', 'due_date', 'currency', 'total', 'amount_paid']).where('account_id', '=', account.id).execute();
    const numbers = all.map((r) => r.number!).sort();
    const sample = numbers[117]!;
    const repo = createInvoicesRepository({ db: t.db });
    const scope = { accountId: account.id };
    const queries = ['INV-', sample.slice(4, 8), sample, sample.slice(-3), sample.slice(2, 7).toLowerCase(), `${sample.slice(-2)}x`, '%', '_', '-0'];
    for (const q of queries) {
      const matching = all.filter((r) => r.number!.includes(q.toUpperCase()));
      for (const tab of ['upcoming', 'unpaid', 'older'] as const) {
        const dir = tab === 'older' ? -1 : 1;
        const key = (r: (typeof all)[number]) => (tab === 'unpaid' ? r.due_date : r.issue_date!);
        const expected = matching
          .filter((r) => r.tab === tab)
          .sort((a, b) => dir * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1))
          .map((r) => r.id);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await repo.list({ scope, tab, filter: { q }, limit: 40, cursor });
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `${q} in ${tab}`).toEqual(expected);
      }
      const totals = await repo.tabTotals({ scope, filter: { q } });
      for (const tab of ['upcoming', 'unpaid', 'older'] as const) {
        const rows = matching.filter((r) => r.tab === tab);
        expect(totals[tab].count, `${q}: ${tab} count`).toBe(rows.length);
        const byCurrency = new Map<string, { total: number; balance: number }>();
        for (const r of rows) {
          const c = byCurrency.get(r.currency) ?? { total: 0, balance: 0 };
          c.total += Number(r.total);
          c.balance += Number(r.total) - Number(r.amount_paid);
          byCurrency.set(r.currency, c);
        }
        expect(totals[tab].amounts, `${q}: ${tab} amounts`).toEqual([...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, v]) => ({ currency, ...v })));
      }
    }
    // Both reading paths were taken: 'INV-' matches more than the few-matches cap, the full number one.
    expect(all.length).toBeGreaterThan(200);
  });

  it('give the tab totals of the list, with and without a filter, the same as a scan', async () => {
    const account = await buildAccount(t.db);
    for (let i = 0; i < 12; i++) {
      await buildInvoice(t.db, { accountId: account.id, status: STATUSES[i % STATUSES.length], scheduled: i % 5 === 0, amountPaid: i % 5 === 1 ? 500 : undefined, currency: i % 3 ? 'EUR' : 'USD' });
    }
    const repo = createInvoicesRepository({ db: t.db });
    const scope = { accountId: account.id };
    const unfiltered = await repo.tabTotals({ scope, filter: {} });
    // A filter that matches everything takes the scanning path: the two must agree.
    const scanned = await repo.tabTotals({ scope, filter: { from: '1900-01-01' } });
    const scheduledDrafts = await t.db.selectFrom('invoices').select('id').where('account_id', '=', account.id).where('tab', '=', 'upcoming').execute();
    expect(unfiltered).toEqual(scanned);
    expect(unfiltered.upcoming.count).toBe(scheduledDrafts.length);
    expect(unfiltered.unpaid.count + unfiltered.older.count + unfiltered.upcoming.count).toBeGreaterThan(0);
  });
});
