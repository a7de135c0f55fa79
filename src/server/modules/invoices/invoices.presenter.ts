import { type InvoiceReader, invoiceAbilities, isPayable, staffInvoiceAbilities } from './invoices.policy.js';
import type { InvoiceLine, InvoiceRecord, InvoiceRow, InvoiceSummaryRow, Payment } from './invoices.repository.js';
import type { InvoiceTab } from './invoices.schemas.js';
import { daysBetween, todayIso } from './money.js';

export function tabOf(inv: Pick<InvoiceRow, 'status' | 'scheduled'>): InvoiceTab | null {
  if (inv.status === 'draft') return inv.scheduled ? 'upcoming' : null;
  return inv.status === 'open' || inv.status === 'uncollectible' ? 'unpaid' : 'older';
}

export function presentInvoiceSummary(inv: InvoiceSummaryRow, today = todayIso()) {
  const daysOverdue = isPayable(inv) ? Math.max(0, daysBetween(inv.dueDate, today)) : 0;
  return {
    id: inv.id,
    number: inv.number,
    status: inv.status,
    scheduled: inv.scheduled,
    tab: tabOf(inv),
    currency: inv.currency,
    language: inv.language,
    issueDate: inv.issueDate,
    dueDate: inv.dueDate,
    overdue: daysOverdue > 0,
    daysOverdue,
    subtotal: inv.subtotal,
    tax: inv.tax,
    total: inv.total,
    amountPaid: inv.amountPaid,
    balance: inv.status === 'void' ? 0 : inv.total - inv.amountPaid,
  };
}

const presentLine = (l: InvoiceLine) => ({
  id: l.id,
  position: l.position,
  product: l.productId || l.productName ? { id: l.productId, name: l.productName ?? '' } : null,
  description: l.description,
  periodStart: l.periodStart,
  periodEnd: l.periodEnd,
  quantity: l.quantity,
  unitAmount: l.unitAmount,
  taxRateBp: l.taxRateBp,
  amount: l.amount,
  tax: l.tax,
});

const presentPayment = (p: Payment) => ({ id: p.id, provider: p.provider, reference: p.reference, amount: p.amount, currency: p.currency, receivedAt: p.receivedAt });

function presentInvoiceBody(inv: InvoiceRecord) {
  return {
    ...presentInvoiceSummary(inv),
    billTo: inv.billTo,
    vatId: inv.vatId,
    poReference: inv.poReference,
    memo: inv.memo,
    lines: inv.lines.map(presentLine),
    payments: inv.payments.map(presentPayment),
    paidAt: inv.paidAt,
    voidedAt: inv.voidedAt,
    issuedAt: inv.issuedAt,
    version: inv.version,
  };
}

/** An invoice as its customer sees it (the billing snapshot, never the account's current data). */
export function presentInvoice(actor: InvoiceReader, inv: InvoiceRecord) {
  return { ...presentInvoiceBody(inv), pdfUrl: `/api/v1/invoices/${inv.id}/pdf`, abilities: invoiceAbilities(actor, inv) };
}

const account = (inv: InvoiceRow) => ({ id: inv.accountId, name: inv.accountName, number: inv.accountNumber });

export const presentStaffInvoiceSummary = (inv: InvoiceRow) => ({ ...presentInvoiceSummary(inv), account: account(inv), createdAt: inv.createdAt });

export function presentStaffInvoice(inv: InvoiceRecord) {
  return {
    ...presentInvoiceBody(inv),
    pdfUrl: `/api/v1/staff/invoices/${inv.id}/pdf`,
    account: account(inv),
    termsDays: inv.termsDays,
    voidReason: inv.voidReason,
    createdAt: inv.createdAt,
    abilities: staffInvoiceAbilities(inv),
  };
}

/** `Rechnung-INV-2026-000123.pdf` / `Invoice-…`; a scheduled invoice has no number yet. */
export function pdfFileName(inv: Pick<InvoiceRow, 'number' | 'language' | 'id'>) {
  const word = inv.language === 'de' ? 'Rechnung' : 'Invoice';
  return `${word}-${inv.number ?? inv.id}.pdf`;
}
