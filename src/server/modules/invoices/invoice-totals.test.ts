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
    await t.db.updateTable('invoices').set({ account_id: accounts[0]!.id, currency: 'CHF' }).where('id', 'in', ids.slice(0, 6)).execute();
    await t.db.deleteFrom('invoice_lines').where('invoice_id', 'in', ids.slice(20)).execute();
    await t.db.deleteFrom('invoices').where('id', 'in', ids.slice(20)).execute();
    expect(await kept()).toEqual(await actual());
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
