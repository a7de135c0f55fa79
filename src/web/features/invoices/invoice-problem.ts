import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemField, problemMessageKey } from '../../lib/problem-message';

/** Messages of this feature's namespace for the error codes the invoice and account APIs answer with. */
export type InvoiceErrorKey =
  | 'errors.vatUnknownCountry'
  | 'errors.vatFormat'
  | 'errors.vatCountryMismatch'
  | 'errors.notPayable'
  | 'errors.paymentUnavailable'
  | 'errors.providerFailed'
  | 'errors.checkoutBusy'
  | 'errors.changedMeanwhile';

export type InvoiceProblem = { ns: 'invoices'; key: InvoiceErrorKey } | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, InvoiceErrorKey> = {
  'invoice.not_payable': 'errors.notPayable',
  'payment.unavailable': 'errors.paymentUnavailable',
  'payment.provider_failed': 'errors.providerFailed',
  'payment.checkout_busy': 'errors.checkoutBusy',
  'request.precondition_failed': 'errors.changedMeanwhile',
};

/** The VAT id's problems (`body.vatId`, code `vat_id_<reason>`). */
const VAT_BY_CODE: Record<string, InvoiceErrorKey> = {
  vat_id_unknown_country: 'errors.vatUnknownCountry',
  vat_id_format: 'errors.vatFormat',
  vat_id_country_mismatch: 'errors.vatCountryMismatch',
};

/** What to tell the user about a failed request: this feature's message where the code has one, else the app's. */
export function invoiceProblem(error: unknown): InvoiceProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'invoices', key: byCode };
    const vat = vatProblem(error);
    if (vat) return vat;
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}

/** The VAT id's own message from a 400 answer, for its field; null when the VAT id is fine. */
export function vatProblem(error: unknown): InvoiceProblem | null {
  if (!isApiError(error)) return null;
  for (const p of error.errors) {
    if (problemField(p.path) !== 'vatId') continue;
    return { ns: 'invoices', key: VAT_BY_CODE[p.code] ?? 'errors.vatFormat' };
  }
  return null;
}

/**
 * The form field a validation problem names, as a dotted path without the `body` prefix
 * (`body.billingAddress.postalCode` and `/billingAddress/postalCode` → `billingAddress.postalCode`).
 */
export function problemPath(path: string): string {
  const parts = path.split(/[./]/).filter((p) => p !== '');
  if (parts[0] === 'body') parts.shift();
  return parts.join('.');
}
