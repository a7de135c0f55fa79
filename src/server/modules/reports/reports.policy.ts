import { type Actor, can, type CustomerActor, ensureAuthenticated, ensureCustomerInAccount, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';
import { type CaseListScope, caseListScope, type StaffCaseScope, staffCaseScope } from '../cases/cases.policy.js';
import { type InvoiceListScope, invoiceListScope } from '../invoices/invoices.policy.js';
import { type KeyListScope, keyListScope } from '../keys/keys.policy.js';
import { REPORT_IDS, type ReportId } from './reports.schemas.js';

/** A customer with the key groups they manage: what the key and case scopes need. */
export interface ReportActor {
  actor: CustomerActor & { accountId: string };
  managedGroupIds: readonly string[];
}

const readsKeys = (a: Actor) => can(a, 'read:keys:all') || can(a, 'read:keys:groups') || can(a, 'read:keys:own');
const readsCases = (a: Actor) => can(a, 'read:cases:all') || can(a, 'read:cases:keys') || can(a, 'read:cases:own');

/**
 * May the customer run this report? Every report needs run:reports and the read permission of the
 * area it counts; the invoices report is for admins and billing users (read:invoices) only.
 */
export function canRunReport(actor: Actor, reportId: ReportId): boolean {
  if (actor.kind !== 'customer' || !actor.accountId || !can(actor, 'run:reports')) return false;
  switch (reportId) {
    case 'key-inventory':
    case 'maintenance':
    case 'activations':
      return readsKeys(actor);
    case 'cases':
      return readsCases(actor);
    case 'invoices':
      return can(actor, 'read:invoices');
  }
}

export const runnableReports = (actor: Actor): ReportId[] => REPORT_IDS.filter((id) => canRunReport(actor, id));

/** 403 for a report outside the actor's rights (every report id exists for everyone, so nothing is revealed). */
export function ensureReportRunner(actor: Actor, reportId: ReportId): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  if (!canRunReport(actor, reportId)) throw errors.forbidden();
  return actor;
}

/** The reports page at all. */
export function ensureReportsUser(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  if (!can(actor, 'run:reports')) throw errors.forbidden();
  return actor;
}

/**
 * What a report counts, as the lists' own scopes: the key list's scope for the key reports, the
 * case list's for the cases report, the invoice list's for the invoices report — never a scope of
 * the report's own, so a report cannot count what the list would not show.
 */
export type ReportScope =
  | { kind: 'customer'; keys: KeyListScope; cases: CaseListScope; invoices: InvoiceListScope }
  | { kind: 'staff'; accountId: string | null; cases: StaffCaseScope };

export function customerReportScope(ra: ReportActor): ReportScope {
  return {
    kind: 'customer',
    keys: keyListScope(ra),
    cases: caseListScope(ra),
    invoices: invoiceListScope(ra.actor),
  };
}

/**
 * Staff reports: the key and activation reports for staff who read accounts (agents, billing,
 * admins), the cases report for those who work cases (billing staff: the Kundendienst cases only),
 * the invoices report for those who manage invoices. Customers never learn the routes exist (404).
 */
export function canRunStaffReport(actor: StaffActor, reportId: ReportId): boolean {
  switch (reportId) {
    case 'key-inventory':
    case 'maintenance':
    case 'activations':
      return can(actor, 'read:staff_accounts');
    case 'cases':
      return can(actor, 'work:cases:all') || can(actor, 'work:cases:customer_service');
    case 'invoices':
      return can(actor, 'manage:invoices');
  }
}

export function ensureStaffReportRunner(actor: Actor, reportId: ReportId): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  if (!canRunStaffReport(actor, reportId)) throw errors.forbidden();
  return actor;
}

export function staffReportScope(actor: StaffActor, reportId: ReportId, accountId: string | null): ReportScope {
  return { kind: 'staff', accountId, cases: reportId === 'cases' ? staffCaseScope(actor) : { kind: 'all' } };
}
