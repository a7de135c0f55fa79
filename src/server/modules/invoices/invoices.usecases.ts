import type { StaffActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { nextCounterValue } from '../../app/counters.js';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { preconditionFailed } from '../../app/etag.js';
import { newId } from '../../app/ids.js';
import type { AppDeps } from '../../app/types.js';
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { invoiceMails, invoicePageUrl, invoicePdfUrl, mailBilling } from './invoice-mails.js';
import { canViewInvoice, type InvoiceReader } from './invoices.policy.js';
import { type BillTo, createInvoicesRepository, type InvoiceRecord } from './invoices.repository.js';
import type { StaffInvoiceInput } from './invoices.schemas.js';
import { addDays, daysBetween, invoiceTotals, lineAmounts, todayIso } from './money.js';
import { expireCheckoutsAtProvider } from './stripe-client.js';

export const invoiceNotFound = createError({ code: 'invoice.not_found', status: 404, message: 'Invoice not found' });
export const invoiceNotDraft = createError({ code: 'invoice.not_draft', status: 409, message: 'Only a draft can be changed, issued or deleted' });
export const invoiceNotPayable = createError({
  code: 'invoice.not_payable',
  status: 409,
  message: 'This invoice cannot be paid: it is paid, void or not yet issued',
});
const invoiceHasPayments = createError({ code: 'invoice.has_payments', status: 409, message: 'Part of this invoice is paid; it cannot be voided (issue a credit note instead)' });
const invoiceNotOpen = createError({ code: 'invoice.not_open', status: 409, message: 'Only an open invoice can be marked uncollectible' });
const accountNotFound = createError({ code: 'account.not_found', status: 404, message: 'Account not found' });

const field = (path: string, code: string, message: string) => errors.validation({ errors: [{ path, code, message }] });
const repo = (db: Db) => createInvoicesRepository({ db });

/** An invoice the customer may see, or 404 (a foreign account's id reads as unknown). */
export async function getVisibleInvoice({ deps, actor, invoiceId }: { deps: AppDeps; actor: InvoiceReader; invoiceId: string }): Promise<InvoiceRecord> {
  const inv = await repo(deps.db).find(invoiceId);
  if (!inv || !canViewInvoice(actor, inv)) throw invoiceNotFound();
  return inv;
}

/** The account's billing data as an invoice keeps it (the snapshot). */
async function billingSnapshot(db: Db, accountId: string): Promise<{ billTo: BillTo; vatId: string | null; poReference: string | null }> {
  const a = await createAccountsRepository({ db }).findAccountWithBilling(accountId);
  if (!a) throw accountNotFound();
  return {
    billTo: { accountName: a.name, address: a.billing.billingAddress, contact: a.billing.billingContact },
    vatId: a.billing.vatId,
    poReference: a.billing.poReference,
  };
}

type LineInput = StaffInvoiceInput['lines'][number];

async function buildLines(db: Db, invoiceId: string, lines: readonly LineInput[]) {
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const products = productIds.length ? await db.selectFrom('products').select(['id', 'name']).where('id', 'in', productIds).execute() : [];
  const names = new Map(products.map((p) => [p.id, p.name]));
  return lines.map((l, i) => {
    if (l.productId && !names.has(l.productId)) throw field(`body.lines.${i}.productId`, 'unknown_product', 'No such product');
    if (l.periodStart && l.periodEnd && l.periodEnd < l.periodStart) throw field(`body.lines.${i}.periodEnd`, 'period_order', 'The period ends before it starts');
    let amounts: { amount: number; tax: number };
    try {
      amounts = lineAmounts(l);
    } catch {
      throw field(`body.lines.${i}.unitAmount`, 'too_large', 'The amount is too large');
    }
    return {
      id: newId('inl'),
      invoice_id: invoiceId,
      position: i + 1,
      product_id: l.productId ?? null,
      product_name: l.productId ? (names.get(l.productId) ?? null) : null,
      description: l.description,
      period_start: l.periodStart ?? null,
      period_end: l.periodEnd ?? null,
      quantity: l.quantity,
      unit_amount: l.unitAmount,
      tax_rate_bp: l.taxRateBp,
      ...amounts,
    };
  });
}

/** Issue date, scheduling and due date of a draft, from what staff typed. */
function planDates(input: { issueDate?: string; scheduled?: boolean; dueDate?: string; termsDays?: number }, today: string, current?: { issueDate: string | null; scheduled: boolean; termsDays: number }) {
  const scheduled = input.scheduled ?? current?.scheduled ?? false;
  const issueDate = input.issueDate ?? current?.issueDate ?? null;
  if (scheduled) {
    if (!issueDate) throw field('body.issueDate', 'required', 'A scheduled invoice needs the day it will be issued');
    if (issueDate <= today) throw field('body.issueDate', 'not_future', 'A scheduled invoice is issued on a future day; issue it now instead');
  }
  const base = scheduled && issueDate ? issueDate : today;
  let termsDays = input.termsDays ?? current?.termsDays ?? 14;
  if (input.dueDate) {
    if (input.dueDate < base) throw field('body.dueDate', 'before_issue', 'The due date is before the issue date');
    termsDays = daysBetween(base, input.dueDate);
  }
  return { scheduled, issueDate: scheduled ? issueDate : null, termsDays, dueDate: addDays(base, termsDays) };
}

/** Staff write a draft (or a scheduled invoice the customer sees as upcoming) for an account. */
export async function createInvoice({ deps, staff, input, ip }: { deps: AppDeps; staff: StaffActor; input: StaffInvoiceInput; ip: string }) {
  const account = await createAccountsRepository({ db: deps.db }).findAccountById(input.accountId);
  if (!account) throw field('body.accountId', 'unknown_account', 'No such account');
  const today = todayIso();
  const dates = planDates(input, today);
  const id = newId('inv');
  const lines = await buildLines(deps.db, id, input.lines);
  const totals = invoiceTotals(input.lines);
  const now = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const snap = await billingSnapshot(trx, account.id);
    await trx
      .insertInto('invoices')
      .values({
        id, number: null, account_id: account.id, status: 'draft', scheduled: dates.scheduled, currency: input.currency ?? account.currency,
        language: input.language ?? (account.locale === 'en' ? 'en' : 'de'), issue_date: dates.issueDate, due_date: dates.dueDate, terms_days: dates.termsDays,
        bill_to: JSON.stringify(snap.billTo), vat_id: snap.vatId, po_reference: snap.poReference, memo: input.memo ?? null, ...totals, amount_paid: 0,
        created_by_user_id: staff.userId, issued_at: null, paid_at: null, voided_at: null, void_reason: null, uncollectible_at: null, version: 1,
        created_at: now, updated_at: now,
      })
      .execute();
    await trx.insertInto('invoice_lines').values(lines).execute();
    await recordAuditEvent(trx, {
      // An unscheduled draft is the billing team's work in progress: its trail stays staff-only (no account).
      accountId: dates.scheduled ? account.id : null, actorUserId: staff.userId, action: dates.scheduled ? 'invoice.scheduled' : 'invoice.draft_created', targetType: 'invoice', targetId: id,
      data: { total: totals.total, currency: input.currency ?? account.currency, issueDate: dates.issueDate }, ip,
    });
  });
  return (await repo(deps.db).find(id))!;
}

/** Changes a draft (If-Match): dates, memo, currency, language and — replaced whole — its lines. */
export async function updateDraft({ deps, staff, invoiceId, expectedVersion, input, ip }: {
  deps: AppDeps; staff: StaffActor; invoiceId: string; expectedVersion: number; input: Partial<Omit<StaffInvoiceInput, 'accountId'>>; ip: string;
}) {
  const inv = await repo(deps.db).find(invoiceId);
  if (!inv) throw invoiceNotFound();
  if (inv.status !== 'draft') throw invoiceNotDraft();
  if (inv.version !== expectedVersion) throw preconditionFailed();
  const dates = planDates(input, todayIso(), inv);
  const set: Record<string, unknown> = {
    scheduled: dates.scheduled, issue_date: dates.issueDate, due_date: dates.dueDate, terms_days: dates.termsDays, updated_at: nowIso(),
    ...(input.currency ? { currency: input.currency } : {}), ...(input.language ? { language: input.language } : {}),
    ...(input.memo !== undefined ? { memo: input.memo } : {}),
  };
  const lines = input.lines ? await buildLines(deps.db, inv.id, input.lines) : null;
  if (input.lines) Object.assign(set, invoiceTotals(input.lines));
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('invoices')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', inv.id)
      .where('status', '=', 'draft')
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw preconditionFailed();
    if (lines) {
      await trx.deleteFrom('invoice_lines').where('invoice_id', '=', inv.id).execute();
      await trx.insertInto('invoice_lines').values(lines).execute();
    }
    await recordAuditEvent(trx, {
      accountId: dates.scheduled || inv.scheduled ? inv.accountId : null, actorUserId: staff.userId, action: 'invoice.draft_updated', targetType: 'invoice', targetId: inv.id,
      data: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) }, ip,
    });
  });
  return (await repo(deps.db).find(inv.id))!;
}

/** A draft never issued has no number yet: deleting it leaves no gap. */
export async function deleteDraft({ deps, staff, invoiceId, ip }: { deps: AppDeps; staff: StaffActor; invoiceId: string; ip: string }) {
  const inv = await repo(deps.db).findRow(invoiceId);
  if (!inv) throw invoiceNotFound();
  if (inv.status !== 'draft') throw invoiceNotDraft();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('checkout_sessions').where('invoice_id', '=', inv.id).execute();
    await trx.deleteFrom('invoice_reminders').where('invoice_id', '=', inv.id).execute();
    await trx.deleteFrom('invoice_lines').where('invoice_id', '=', inv.id).execute();
    const res = await trx.deleteFrom('invoices').where('id', '=', inv.id).where('status', '=', 'draft').executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw invoiceNotDraft();
    await recordAuditEvent(trx, { accountId: inv.scheduled ? inv.accountId : null, actorUserId: staff.userId, action: 'invoice.draft_deleted', targetType: 'invoice', targetId: inv.id, data: {}, ip });
  });
}

/**
 * Issues a draft: the next number of the issue year (INV-2026-000123, from the counters table in
 * the same transaction), today's date, the due date from its terms, a fresh snapshot of the
 * account's billing data — and a mail with the PDF link to the billing contact.
 * `staff` null: the scheduler issuing a scheduled invoice on its day.
 */
export async function issueInvoice({ deps, staff, invoiceId, expectedVersion, ip, today = todayIso() }: {
  deps: AppDeps; staff: StaffActor | null; invoiceId: string; expectedVersion?: number; ip?: string; today?: string;
}) {
  const inv = await repo(deps.db).findRow(invoiceId);
  if (!inv) throw invoiceNotFound();
  if (inv.status !== 'draft') throw invoiceNotDraft();
  if (expectedVersion !== undefined && inv.version !== expectedVersion) throw preconditionFailed();
  if (inv.total <= 0) throw field('lines', 'empty_invoice', 'An invoice must have a total above zero');
  const issued = await deps.db.transaction().execute(async (trx) => {
    const year = today.slice(0, 4);
    const n = await nextCounterValue(trx, `invoice_number_${year}`, 0);
    const number = `INV-${year}-${String(n).padStart(6, '0')}`;
    const snap = await billingSnapshot(trx, inv.accountId);
    const res = await trx
      .updateTable('invoices')
      .set((eb) => ({
        status: 'open', number, issue_date: today, due_date: addDays(today, inv.termsDays), bill_to: JSON.stringify(snap.billTo), vat_id: snap.vatId,
        po_reference: snap.poReference, issued_at: nowIso(), updated_at: nowIso(), version: eb('version', '+', 1),
      }))
      .where('id', '=', inv.id)
      .where('status', '=', 'draft')
      .where('version', '=', inv.version)
      .executeTakeFirst();
    // Someone (or the scheduler) issued or changed it first: the counter increment rolls back too.
    if (Number(res.numUpdatedRows) !== 1) throw preconditionFailed();
    await recordAuditEvent(trx, {
      accountId: inv.accountId, actorUserId: staff?.userId ?? null, action: 'invoice.issued', targetType: 'invoice', targetId: inv.id,
      data: { number, total: inv.total, currency: inv.currency, scheduled: inv.scheduled && !staff }, ip: ip ?? null,
    });
    const row = (await repo(trx).findRow(inv.id))!;
    await mailBilling(trx, deps, inv.accountId, (to) =>
      invoiceMails.issued({ to, inv: row, pageUrl: invoicePageUrl(deps, inv.id), pdfUrl: invoicePdfUrl(deps, inv.id), vendor: deps.config.vendor.name }),
    );
    return row;
  });
  return (await repo(deps.db).find(issued.id))!;
}

/** Voids an issued invoice nobody has paid anything of; an open checkout for it is closed. */
export async function voidInvoice({ deps, staff, invoiceId, reason, ip }: { deps: AppDeps; staff: StaffActor; invoiceId: string; reason: string; ip: string }) {
  const inv = await repo(deps.db).findRow(invoiceId);
  if (!inv) throw invoiceNotFound();
  if (inv.status === 'draft') throw invoiceNotDraft({ detail: 'A draft is deleted, not voided' });
  if (inv.status !== 'open' && inv.status !== 'uncollectible') throw invoiceNotPayable({ detail: 'Only an open or uncollectible invoice can be voided' });
  if (inv.amountPaid > 0) throw invoiceHasPayments();
  const closed = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('invoices')
      .set((eb) => ({ status: 'void', voided_at: nowIso(), void_reason: reason, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', inv.id)
      .where('status', 'in', ['open', 'uncollectible'])
      .where('amount_paid', '=', 0)
      .executeTakeFirst();
    // A payment came in meanwhile: the invoice moves only forward.
    if (Number(res.numUpdatedRows) !== 1) throw invoiceHasPayments();
    const sessions = await trx
      .updateTable('checkout_sessions')
      .set({ status: 'expired', updated_at: nowIso() })
      .where('invoice_id', '=', inv.id)
      .where('status', 'in', ['creating', 'open'])
      .returning('provider_session_id')
      .execute();
    await recordAuditEvent(trx, { accountId: inv.accountId, actorUserId: staff.userId, action: 'invoice.voided', targetType: 'invoice', targetId: inv.id, data: { number: inv.number, reason }, ip });
    return sessions.flatMap((r) => (r.provider_session_id ? [r.provider_session_id] : []));
  });
  await expireCheckoutsAtProvider(deps.config, closed);
  return (await repo(deps.db).find(inv.id))!;
}

/** Writes an open invoice off as uncollectible; it stays payable (a later payment settles it). */
export async function markUncollectible({ deps, staff, invoiceId, ip }: { deps: AppDeps; staff: StaffActor; invoiceId: string; ip: string }) {
  const inv = await repo(deps.db).findRow(invoiceId);
  if (!inv) throw invoiceNotFound();
  if (inv.status !== 'open') throw invoiceNotOpen();
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('invoices')
      .set((eb) => ({ status: 'uncollectible', uncollectible_at: nowIso(), updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', inv.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw invoiceNotOpen();
    await recordAuditEvent(trx, { accountId: inv.accountId, actorUserId: staff.userId, action: 'invoice.marked_uncollectible', targetType: 'invoice', targetId: inv.id, data: { number: inv.number }, ip });
  });
  return (await repo(deps.db).find(inv.id))!;
}
