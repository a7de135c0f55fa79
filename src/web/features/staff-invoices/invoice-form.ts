import type { StaffInvoice, StaffInvoiceInput } from './api/staff-invoices';
import { minorToInput, parseMoney, parseRate } from './money';

export const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP'] as const;

/** One line as the form holds it: what the person typed, parsed on the way out. */
export type LineDraft = {
  key: string;
  productId: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  unitAmount: string;
  taxRate: string;
};

export type InvoiceDraft = {
  accountId: string;
  currency: string;
  language: 'de' | 'en';
  scheduled: boolean;
  issueDate: string;
  dueDate: string;
  memo: string;
  lines: LineDraft[];
};

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

export function emptyLine(): LineDraft {
  return { key: newKey(), productId: '', description: '', periodStart: '', periodEnd: '', quantity: '1', unitAmount: '', taxRate: '19' };
}

export function emptyDraft(): InvoiceDraft {
  return { accountId: '', currency: 'EUR', language: 'de', scheduled: false, issueDate: '', dueDate: '', memo: '', lines: [emptyLine()] };
}

/** A saved draft as the form shows it again. */
export function draftFromInvoice(inv: StaffInvoice, locale: string): InvoiceDraft {
  return {
    accountId: inv.account.id,
    currency: inv.currency,
    language: inv.language,
    scheduled: inv.scheduled,
    issueDate: inv.scheduled ? (inv.issueDate ?? '') : '',
    dueDate: inv.dueDate,
    memo: inv.memo ?? '',
    lines: inv.lines.map((line) => ({
      key: newKey(),
      productId: line.product?.id ?? '',
      description: line.description,
      periodStart: line.periodStart ?? '',
      periodEnd: line.periodEnd ?? '',
      quantity: String(line.quantity),
      unitAmount: minorToInput(line.unitAmount, inv.currency, locale),
      taxRate: String(line.taxRateBp / 100).replace('.', locale.startsWith('de') ? ',' : '.'),
    })),
  };
}

export function parseQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= 1_000_000 ? n : null;
}

/** A line's numbers, or null for those not (yet) readable. */
export function parsedLine(line: LineDraft, currency: string) {
  return { quantity: parseQuantity(line.quantity), unitAmount: parseMoney(line.unitAmount, currency), taxRateBp: parseRate(line.taxRate) };
}

export type FieldErrors = Record<string, string>;

/** The field keys (`lines.0.quantity`, `issueDate`, …) that are missing or unreadable, with their message key. */
export function validateDraft(draft: InvoiceDraft, { requireAccount, today }: { requireAccount: boolean; today: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (requireAccount && !draft.accountId) errors.accountId = 'form.accountRequired';
  if (draft.scheduled && !(draft.issueDate > today)) errors.issueDate = 'form.issueDateRequired';
  draft.lines.forEach((line, i) => {
    const parsed = parsedLine(line, draft.currency);
    if (!line.description.trim()) errors[`lines.${i}.description`] = 'form.descriptionRequired';
    if (parsed.quantity === null) errors[`lines.${i}.quantity`] = 'form.quantityInvalid';
    if (parsed.unitAmount === null) errors[`lines.${i}.unitAmount`] = 'form.unitAmountInvalid';
    if (parsed.taxRateBp === null) errors[`lines.${i}.taxRate`] = 'form.taxRateInvalid';
  });
  return errors;
}

/** The request body of a valid draft (validateDraft found nothing). */
export function draftToInput(draft: InvoiceDraft): Omit<StaffInvoiceInput, 'accountId'> {
  return {
    currency: draft.currency,
    language: draft.language,
    scheduled: draft.scheduled,
    ...(draft.scheduled ? { issueDate: draft.issueDate } : {}),
    ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
    memo: draft.memo.trim() || null,
    lines: draft.lines.map((line) => {
      const parsed = parsedLine(line, draft.currency);
      return {
        productId: line.productId || null,
        description: line.description.trim(),
        periodStart: line.periodStart || null,
        periodEnd: line.periodEnd || null,
        quantity: parsed.quantity ?? 1,
        unitAmount: parsed.unitAmount ?? 0,
        taxRateBp: parsed.taxRateBp ?? 0,
      };
    }),
  };
}
