import { type Actor, can, type CustomerActor, ensureCustomerInAccount, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';
import type { CaseStatus, CaseType } from '../../db/schema.js';

/** A customer with the key groups they manage: what every case rule needs beyond the session. */
export interface CaseActor {
  actor: CustomerActor & { accountId: string };
  managedGroupIds: readonly string[];
}

export interface CaseScopeFacts {
  accountId: string;
  createdByUserId: string;
  contactUserId: string;
  ccUserIds: readonly string[];
  /** The key group of the related key, if any. */
  keyGroupId: string | null;
}

/**
 * May the customer see this case? Admins and case admins: every case of the account; key managers:
 * also the cases about keys in their groups; everyone: the cases they opened, are the contact of or
 * are CC'd on.
 */
export function canViewCase({ actor, managedGroupIds }: CaseActor, c: CaseScopeFacts): boolean {
  if (c.accountId !== actor.accountId) return false;
  if (can(actor, 'read:cases:all')) return true;
  if (c.createdByUserId === actor.userId || c.contactUserId === actor.userId || c.ccUserIds.includes(actor.userId)) return true;
  return can(actor, 'read:cases:keys') && c.keyGroupId !== null && managedGroupIds.includes(c.keyGroupId);
}

/** Bearbeiten, solve and reopen: those who see the case other than only through a CC. */
export function canEditCase(ca: CaseActor, c: CaseScopeFacts): boolean {
  if (!canViewCase(ca, c)) return false;
  const { actor, managedGroupIds } = ca;
  if (can(actor, 'read:cases:all') || c.createdByUserId === actor.userId || c.contactUserId === actor.userId) return true;
  return can(actor, 'read:cases:keys') && c.keyGroupId !== null && managedGroupIds.includes(c.keyGroupId);
}

/** The same rule as canViewCase, as data for the SQL of views, search, suggestions and export. */
export type CaseListScope =
  | { kind: 'account'; accountId: string }
  | { kind: 'involved'; accountId: string; userId: string; groupIds: readonly string[] };

export function caseListScope({ actor, managedGroupIds }: CaseActor): CaseListScope {
  if (can(actor, 'read:cases:all')) return { kind: 'account', accountId: actor.accountId };
  return { kind: 'involved', accountId: actor.accountId, userId: actor.userId, groupIds: can(actor, 'read:cases:keys') ? managedGroupIds : [] };
}

export function ensureCaseReader(actor: Actor): CustomerActor & { accountId: string } {
  ensureCustomerInAccount(actor);
  if (!can(actor, 'read:cases:all') && !can(actor, 'read:cases:keys') && !can(actor, 'read:cases:own')) throw errors.forbidden();
  return actor;
}

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'waiting_on_customer'];
/** A solved case may be reopened this long; later, a new case links the old one. */
export const REOPEN_WINDOW_DAYS = 14;

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function mayReopen(c: { status: CaseStatus; solvedAt: string | null }, now = new Date()): boolean {
  return c.status === 'solved' && c.solvedAt !== null && Date.parse(c.solvedAt) > now.getTime() - REOPEN_WINDOW_DAYS * 86_400_000;
}

export function caseAbilities(ca: CaseActor, c: CaseScopeFacts & { status: CaseStatus; solvedAt: string | null }) {
  const edit = canEditCase(ca, c);
  return {
    edit: edit && isOpen(c.status),
    comment: canViewCase(ca, c) && isOpen(c.status),
    solve: edit && isOpen(c.status),
    reopen: edit && mayReopen(c),
    /** Solved too long ago: a follow-up case links this one. */
    followUp: edit && (c.status === 'closed' || (c.status === 'solved' && !mayReopen(c))),
  };
}

/** Staff: agents and admins work every case, billing staff the Kundendienst cases. */
export type StaffCaseScope = { kind: 'all' } | { kind: 'types'; types: readonly CaseType[] };

export function staffCaseScope(actor: StaffActor): StaffCaseScope {
  if (can(actor, 'work:cases:all')) return { kind: 'all' };
  if (can(actor, 'work:cases:customer_service')) return { kind: 'types', types: ['customer_service'] };
  throw errors.forbidden();
}

export function canWorkCase(scope: StaffCaseScope, c: { type: CaseType }): boolean {
  return scope.kind === 'all' || scope.types.includes(c.type);
}
