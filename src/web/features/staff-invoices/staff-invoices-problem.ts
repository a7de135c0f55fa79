import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemMessageKey } from '../../lib/problem-message';

export type StaffInvoicesErrorKey = `errors.${
  | 'stale'
  | 'notFound'
  | 'notDraft'
  | 'notPayable'
  | 'hasPayments'
  | 'notOpen'
  | 'amountMismatch'
  | 'duplicateReference'
  | 'unknownAccount'
  | 'unknownProduct'
  | 'periodOrder'
  | 'tooLarge'
  | 'notFuture'
  | 'issueDateRequired'
  | 'beforeIssue'
  | 'emptyInvoice'}`;

export type StaffInvoicesProblem = { ns: 'staffInvoices'; key: StaffInvoicesErrorKey } | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, StaffInvoicesErrorKey> = {
  'request.precondition_failed': 'errors.stale',
  'invoice.not_found': 'errors.notFound',
  'invoice.not_draft': 'errors.notDraft',
  'invoice.not_payable': 'errors.notPayable',
  'invoice.has_payments': 'errors.hasPayments',
  'invoice.not_open': 'errors.notOpen',
  'payment.amount_mismatch': 'errors.amountMismatch',
  'payment.duplicate_reference': 'errors.duplicateReference',
};

const BY_FIELD_CODE: Record<string, StaffInvoicesErrorKey> = {
  unknown_account: 'errors.unknownAccount',
  unknown_product: 'errors.unknownProduct',
  period_order: 'errors.periodOrder',
  too_large: 'errors.tooLarge',
  not_future: 'errors.notFuture',
  before_issue: 'errors.beforeIssue',
  empty_invoice: 'errors.emptyInvoice',
};

/** True for the answer to an edit that someone else's change overtook (If-Match). */
export function isStale(error: unknown): boolean {
  return isApiError(error) && error.status === 412;
}

/** These pages' message for the codes the staff invoice routes answer with, else the app's general one. */
export function staffInvoicesProblem(error: unknown): StaffInvoicesProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'staffInvoices', key: byCode };
    if (error.status === 412) return { ns: 'staffInvoices', key: 'errors.stale' };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'staffInvoices', key: byField };
      if (problem.code === 'required' && problem.path.endsWith('issueDate')) return { ns: 'staffInvoices', key: 'errors.issueDateRequired' };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}
