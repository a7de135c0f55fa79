import crypto from 'node:crypto';
import { nextCounterValue } from '../app/counters.js';
import type { Db } from '../app/db.js';
import type { InvoiceStatus } from '../db/schema.js';
import { addDays, invoiceTotals, lineAmounts, todayIso } from '../modules/invoices/money.js';

const unique = () => crypto.randomBytes(5).toString('hex');

export interface TestLine {
  description?: string;
  productId?: string | null;
  productName?: string | null;
  quantity?: number;
  unitAmount?: number;
  taxRateBp?: number;
  periodStart?: string | null;
  periodEnd?: string | null;
}

/**
 * An invoice written straight to the database, numbered like real ones when not a draft.
 * Defaults: open, issued 10 days ago, due in 4 days, one line of 100,00 € + 19 %.
 */
export async function buildInvoice(
  db: Db,
  input: {
    accountId: string;
    status?: InvoiceStatus;
    scheduled?: boolean;
    issueDate?: string | null;
    dueDate?: string;
    currency?: string;
    language?: 'de' | 'en';
    lines?: TestLine[];
    amountPaid?: number;
    billTo?: object;
    vatId?: string | null;
  },
) {
  const status = input.status ?? 'open';
  const today = todayIso();
  const issueDate = input.issueDate !== undefined ? input.issueDate : status === 'draft' && !input.scheduled ? null : addDays(today, input.scheduled ? 10 : -10);
  const dueDate = input.dueDate ?? addDays(issueDate ?? today, 14);
  const lines = (input.lines ?? [{}]).map((l, i) => ({
    description: l.description ?? `Line ${i + 1}`,
    productId: l.productId ?? null,
    productName: l.productName ?? null,
    quantity: l.quantity ?? 1,
    unitAmount: l.unitAmount ?? 10000,
    taxRateBp: l.taxRateBp ?? 1900,
    periodStart: l.periodStart ?? null,
    periodEnd: l.periodEnd ?? null,
  }));
  const totals = invoiceTotals(lines);
  const amountPaid = input.amountPaid ?? (status === 'paid' ? totals.total : 0);
  const id = `inv_${unique()}${unique()}`;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const year = (issueDate ?? today).slice(0, 4);
    const number = status === 'draft' ? null : `INV-${year}-${String(await nextCounterValue(trx, `invoice_number_${year}`, 0)).padStart(6, '0')}`;
    const account = await trx.selectFrom('accounts').select('name').where('id', '=', input.accountId).executeTakeFirstOrThrow();
    await trx
      .insertInto('invoices')
      .values({
        id, number, account_id: input.accountId, status, scheduled: input.scheduled ?? false, currency: input.currency ?? 'EUR', language: input.language ?? 'de',
        issue_date: issueDate, due_date: dueDate, terms_days: 14, bill_to: JSON.stringify(input.billTo ?? { accountName: account.name, address: null, contact: null }),
        vat_id: input.vatId ?? null, po_reference: null, memo: null, ...totals, amount_paid: amountPaid, created_by_user_id: null,
        issued_at: status === 'draft' ? null : now, paid_at: status === 'paid' ? now : null, voided_at: status === 'void' ? now : null, void_reason: null,
        uncollectible_at: status === 'uncollectible' ? now : null, version: 1, created_at: now, updated_at: now,
      })
      .execute();
    await trx
      .insertInto('invoice_lines')
      .values(lines.map((l, i) => ({
        id: `inl_${unique()}${unique()}`, invoice_id: id, position: i + 1, product_id: l.productId, product_name: l.productName, description: l.description,
        period_start: l.periodStart, period_end: l.periodEnd, quantity: l.quantity, unit_amount: l.unitAmount, tax_rate_bp: l.taxRateBp, ...lineAmounts(l),
      })))
      .execute();
  });
  const row = await db.selectFrom('invoices').select(['number', 'total']).where('id', '=', id).executeTakeFirstOrThrow();
  return { invoiceId: id, number: row.number, total: Number(row.total) };
}
