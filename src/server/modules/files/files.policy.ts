import { type Actor, can, ensureAuthenticated, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';
import type { AttachmentVisibility } from '../../db/schema.js';
import { type CaseActor, canViewCase, ensureCaseReader, isOpen, type StaffCaseScope, canWorkCase, staffCaseScope } from '../cases/cases.policy.js';
import type { CaseRecord } from '../cases/cases.repository.js';

/**
 * Who handles files: a customer with the key groups they manage (the case rules need them), or a
 * staff member who works cases. Release staff and customers without case access get 403.
 */
export type FileActor = { kind: 'customer'; ca: CaseActor } | { kind: 'staff'; staff: StaffActor; scope: StaffCaseScope | null };

/**
 * `forUploads`: the tus endpoint, where release staff upload release artifacts too (they work no
 * cases: their case scope is null and every case stays invisible to them).
 */
export function ensureFileActor(
  actor: Actor,
  managedGroupIds: (userId: string, accountId: string) => Promise<string[]>,
  { forUploads = false }: { forUploads?: boolean } = {},
): Promise<FileActor> | FileActor {
  ensureAuthenticated(actor);
  if (actor.kind === 'staff') {
    if (forUploads && !can(actor, 'work:cases:all') && !can(actor, 'work:cases:customer_service') && can(actor, 'manage:releases')) {
      return { kind: 'staff', staff: actor, scope: null };
    }
    return { kind: 'staff', staff: actor, scope: staffCaseScope(actor) };
  }
  const customer = ensureCaseReader(actor);
  const needsGroups = can(customer, 'read:cases:keys') || can(customer, 'read:keys:groups');
  if (!needsGroups) return { kind: 'customer', ca: { actor: customer, managedGroupIds: [] } };
  return managedGroupIds(customer.userId, customer.accountId).then((ids) => ({ kind: 'customer' as const, ca: { actor: customer, managedGroupIds: ids } }));
}

export const actorUserId = (fa: FileActor) => (fa.kind === 'staff' ? fa.staff.userId : fa.ca.actor.userId);

/** Sees the case at all (else: 404). */
export function canSeeCase(fa: FileActor, c: CaseRecord): boolean {
  if (fa.kind === 'customer') return canViewCase(fa.ca, c);
  return fa.scope !== null && canWorkCase(fa.scope, c);
}

/**
 * May add a file to the case: whoever may comment on it. Customers: those who see the case,
 * while it is open (as for comments); staff: the cases of their queues, in any status.
 */
export function uploadDecision(fa: FileActor, c: CaseRecord): 'allowed' | 'not_found' | 'not_open' {
  if (!canSeeCase(fa, c)) return 'not_found';
  if (fa.kind === 'customer' && !isOpen(c.status)) return 'not_open';
  return 'allowed';
}

/** Internal attachments are for staff only; customers upload public ones. */
export function visibilitiesFor(fa: FileActor): AttachmentVisibility[] {
  return fa.kind === 'staff' ? ['public', 'internal'] : ['public'];
}

/** May see (list, read, download) this attachment of a case they see. */
export function canSeeAttachment(fa: FileActor, c: CaseRecord, a: { visibility: AttachmentVisibility }): boolean {
  if (!canSeeCase(fa, c)) return false;
  return fa.kind === 'staff' || a.visibility === 'public';
}

export function ensureStaffFileActor(fa: FileActor): asserts fa is Extract<FileActor, { kind: 'staff' }> {
  if (fa.kind !== 'staff') throw errors.notFound();
}

/** May upload release artifacts: staff who manage releases (release managers, staff admins). */
export const canUploadArtifacts = (fa: FileActor): boolean => fa.kind === 'staff' && can(fa.staff, 'manage:releases');
