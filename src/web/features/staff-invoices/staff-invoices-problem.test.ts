import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { isStale, staffInvoicesProblem } from './staff-invoices-problem';

describe('staffInvoicesProblem', () => {
  it('explains a lost update, the invoice state codes and the field codes in these pages’ words', () => {
    const stale = new ApiError({ status: 412, code: 'request.precondition_failed', title: 'x' });
    expect(staffInvoicesProblem(stale)).toEqual({ ns: 'staffInvoices', key: 'errors.stale' });
    expect(isStale(stale)).toBe(true);
    expect(staffInvoicesProblem(new ApiError({ status: 409, code: 'invoice.has_payments', title: 'x' }))).toEqual({ ns: 'staffInvoices', key: 'errors.hasPayments' });
    expect(staffInvoicesProblem(new ApiError({ status: 409, code: 'payment.duplicate_reference', title: 'x' }))).toEqual({ ns: 'staffInvoices', key: 'errors.duplicateReference' });
    const invalid = new ApiError({ status: 400, code: 'request.invalid', title: 'x', errors: [{ path: 'body.dueDate', code: 'before_issue', message: 'x' }] });
    expect(staffInvoicesProblem(invalid)).toEqual({ ns: 'staffInvoices', key: 'errors.beforeIssue' });
    expect(isStale(invalid)).toBe(false);
    const noDate = new ApiError({ status: 400, code: 'request.invalid', title: 'x', errors: [{ path: 'body.issueDate', code: 'required', message: 'x' }] });
    expect(staffInvoicesProblem(noDate)).toEqual({ ns: 'staffInvoices', key: 'errors.issueDateRequired' });
  });

  it('leaves everything else to the app’s general messages', () => {
    expect(staffInvoicesProblem(new ApiError({ status: 403, code: 'auth.forbidden', title: 'x' }))).toEqual({ ns: 'translation', key: 'errors.forbidden' });
  });
});
