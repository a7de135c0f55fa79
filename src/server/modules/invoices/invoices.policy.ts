import { type Actor, can, type CustomerActor, ensureAuthenticated, ensureCustomerInAccount, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';
import type { InvoiceStatus } from './invoices.schemas.js';

/**
 * Who sees invoices: the account's admins and the users with the billing flag (read:invoices);
 * billing staff and staff admins (manage:invoices) in the console. A member without the billing
 * flag sees no invoice anywhere — not in the list, search, PDF or mail.
 */
export type InvoiceReader = CustomerActor & { accountId: string };

export interface InvoiceScopeFacts {
  accountId: string;
  status: InvoiceStatus;
  scheduled: boolean;
}

/** The invoice area at all: 403 for a member without the billing flag (every invoice alike, so nothing is revealed). */
export function ensureInvoiceReader(actor: Actor): InvoiceReader {
  ensureCustomerInAccount(actor);
  if (!can(actor, 'read:invoices')) throw errors.forbidden();
  return actor;
}

/**
 * One invoice: of the reader's account, and issued — or a scheduled draft, which customers see
 * under "Demnächst fällig". Unscheduled drafts are the billing team's work in progress.
 */
export function canViewInvoice(actor: InvoiceReader, inv: InvoiceScopeFacts): boolean {
  if (inv.accountId !== actor.accountId) return false;
  return inv.status !== 'draft' || inv.scheduled;
}

/** The SQL of canViewInvoice, for the list and its totals. */
export interface InvoiceListScope {
  accountId: string;
}
export const invoiceListScope = (actor: InvoiceReader): InvoiceListScope => ({ accountId: actor.accountId });

export const PAYABLE_STATUSES: readonly InvoiceStatus[] = ['open', 'uncollectible'];

export function isPayable(inv: { status: InvoiceStatus; total: number; amountPaid: number }): boolean {
  return PAYABLE_STATUSES.includes(inv.status) && inv.total - inv.amountPaid > 0;
}

export function invoiceAbilities(actor: InvoiceReader, inv: InvoiceScopeFacts & { total: number; amountPaid: number }) {
  const view = canViewInvoice(actor, inv);
  return { pay: view && isPayable(inv), downloadPdf: view };
}

/** Kontodaten (billing data): admins and billing users read and change them. */
export const canManageAccountBilling = (actor: Actor): boolean => can(actor, 'manage:account_billing');

/** The console's invoices: staff with manage:invoices; customers never learn the routes exist (404). */
export function ensureInvoiceStaff(actor: Actor): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  if (!can(actor, 'manage:invoices')) throw errors.forbidden();
  return actor;
}

export function staffInvoiceAbilities(inv: { status: InvoiceStatus; total: number; amountPaid: number }) {
  const draft = inv.status === 'draft';
  return {
    edit: draft,
    delete: draft,
    issue: draft,
    /** Voiding is for invoices nobody paid anything of; a paid part needs a credit note. */
    void: (inv.status === 'open' || inv.status === 'uncollectible') && inv.amountPaid === 0,
    recordPayment: isPayable(inv),
    markUncollectible: inv.status === 'open',
  };
}
