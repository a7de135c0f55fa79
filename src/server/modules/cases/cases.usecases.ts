import { recordAuditEvent } from '../../app/audit.js';
import { nextCounterValue } from '../../app/counters.js';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { preconditionFailed } from '../../app/etag.js';
import { newId } from '../../app/ids.js';
import type { AppDeps } from '../../app/types.js';
import type { CaseCategory, CaseSeverity, CaseStatus, CaseType } from '../../db/schema.js';
import { maintenanceStatus } from '../keys/key-format.js';
import { canViewKey } from '../keys/keys.policy.js';
import { createKeysRepository } from '../keys/keys.repository.js';
import { reindexCase } from './case-search.js';
import { notify } from './case-notifications.js';
import { type CaseActor, canEditCase, canViewCase, isOpen, mayReopen } from './cases.policy.js';
import { type CaseRecord, createCasesRepository } from './cases.repository.js';
import { firstResponseDue } from './sla.js';

export const caseNotFound = createError({ code: 'case.not_found', status: 404, message: 'Case not found' });
export const caseNotOpen = createError({ code: 'case.not_open', status: 409, message: 'This case is solved or closed; reopen it (or open a new case) to continue' });
const caseNotSolved = createError({ code: 'case.not_solved', status: 409, message: 'Only a solved case can be reopened' });
const reopenExpired = createError({
  code: 'case.reopen_expired',
  status: 409,
  message: 'This case was solved more than 14 days ago; open a new case, it will link this one',
});
const keyNotUnderMaintenance = createError({
  code: 'case.key_not_under_maintenance',
  status: 422,
  message: 'The maintenance of this product key has ended or the key is not active. Open a Kundendienst case (licensing/renewal) to renew it.',
});

const field = (path: string, code: string, message: string) => errors.validation({ errors: [{ path, code, message }] });

export interface NewCaseInput {
  type: CaseType;
  subject: string;
  description: string;
  severity?: CaseSeverity;
  keyId?: string | null;
  productVersion?: string | null;
  operatingSystem?: string | null;
  category?: CaseCategory;
  invoiceNumber?: string | null;
  ccUserIds?: string[];
  /** A solved or closed case this one follows up on. */
  relatedCaseId?: string | null;
}

const repo = (deps: AppDeps, db: Db = deps.db) => createCasesRepository({ db, dialect: deps.dialect });

/** A case the customer may see, or 404 (never 403: existence is not revealed). */
export async function getVisibleCase({ deps, ca, caseId }: { deps: AppDeps; ca: CaseActor; caseId: string }): Promise<CaseRecord> {
  const c = await repo(deps).find(caseId);
  if (!c || !canViewCase(ca, c)) throw caseNotFound();
  return c;
}

async function getEditableCase(deps: AppDeps, ca: CaseActor, caseId: string): Promise<CaseRecord> {
  const c = await getVisibleCase({ deps, ca, caseId });
  if (!canEditCase(ca, c)) throw errors.forbidden();
  return c;
}

/** The related key: one the user may see; for Technischer Support also active and under maintenance. */
async function checkKey(deps: AppDeps, ca: CaseActor, keyId: string, type: CaseType) {
  const key = await createKeysRepository({ db: deps.db }).find({ accountId: ca.actor.accountId, keyId });
  if (!key || !canViewKey(ca, key)) throw field('body.keyId', 'unknown_key', 'No such product key');
  if (type === 'technical' && (key.status !== 'active' || !['active', 'expiring'].includes(maintenanceStatus(key.maintenanceEnd)))) {
    throw keyNotUnderMaintenance();
  }
  return key;
}

/** CCs and contacts are active users of the case's account. */
async function checkAccountUsers(deps: AppDeps, accountId: string, userIds: readonly string[], path: string) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return unique;
  const found = await deps.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.account_id', '=', accountId)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .where('u.id', 'in', unique)
    .execute();
  if (found.length !== unique.length) throw field(path, 'unknown_user', 'Not an active user of this account');
  return unique;
}

async function actorName(db: Db, userId: string) {
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow()).name;
}

/** Fall erstellen: a Technischer Support case about a key under maintenance, or a Kundendienst case. */
export async function createCase({ deps, ca, input, ip }: { deps: AppDeps; ca: CaseActor; input: NewCaseInput; ip: string }) {
  const { actor } = ca;
  let productId: string | null = null;
  let severity: CaseSeverity;
  if (input.type === 'technical') {
    if (!input.keyId) throw field('body.keyId', 'required', 'Choose the product key the case is about');
    if (!input.severity) throw field('body.severity', 'required', 'Choose a severity');
    const key = await checkKey(deps, ca, input.keyId, 'technical');
    productId = key.productId;
    severity = input.severity;
  } else {
    if (!input.category) throw field('body.category', 'required', 'Choose a category');
    if (input.keyId) productId = (await checkKey(deps, ca, input.keyId, 'customer_service')).productId;
    severity = input.severity ?? 'p3';
  }
  const ccUserIds = (await checkAccountUsers(deps, actor.accountId, input.ccUserIds ?? [], 'body.ccUserIds')).filter((id) => id !== actor.userId);
  if (input.relatedCaseId) await getVisibleCase({ deps, ca, caseId: input.relatedCaseId }).catch(() => {
    throw field('body.relatedCaseId', 'unknown_case', 'No such case');
  });

  const id = newId('cas');
  const now = new Date();
  const at = now.toISOString();
  const name = await actorName(deps.db, actor.userId);
  const created = await deps.db.transaction().execute(async (trx) => {
    const number = String(await nextCounterValue(trx, 'case_number', 100000)).padStart(8, '0');
    await repo(deps, trx).insert(trx, {
      id, number, account_id: actor.accountId, type: input.type, category: input.type === 'customer_service' ? input.category! : null,
      subject: input.subject, description: input.description, product_id: productId,
      product_version: input.type === 'technical' ? (input.productVersion ?? null) : null,
      operating_system: input.type === 'technical' ? (input.operatingSystem ?? null) : null,
      severity, key_id: input.keyId ?? null, invoice_number: input.type === 'customer_service' ? (input.invoiceNumber ?? null) : null,
      status: 'new', contact_user_id: actor.userId, created_by_user_id: actor.userId, assigned_user_id: null,
      related_case_id: input.relatedCaseId ?? null, first_response_due_at: firstResponseDue(now, severity).toISOString(),
      first_responded_at: null, solved_at: null, closed_at: null, last_activity_at: at, created_at: at, updated_at: at,
    });
    await repo(deps, trx).setCcs(trx, id, ccUserIds);
    await repo(deps, trx).addEvent(trx, { caseId: id, actorUserId: actor.userId, kind: 'opened', visibility: 'public', data: {} });
    await reindexCase(trx, deps.dialect, id);
    await recordAuditEvent(trx, { accountId: actor.accountId, actorUserId: actor.userId, action: 'case.created', targetType: 'case', targetId: id, data: { number, type: input.type, severity }, ip });
    const c = (await repo(deps, trx).find(id))!;
    await notify.opened(trx, deps, c, name);
    return c;
  });
  return created;
}

export interface CasePatch {
  severity?: CaseSeverity;
  contactUserId?: string;
  ccUserIds?: string[];
  keyId?: string | null;
  description?: string;
}

/** Bearbeiten: severity, contact, CCs, related key and description; If-Match guarded; each change on the timeline. */
export async function updateCase({ deps, ca, caseId, expectedVersion, patch, ip }: { deps: AppDeps; ca: CaseActor; caseId: string; expectedVersion: number; patch: CasePatch; ip: string }) {
  const c = await getEditableCase(deps, ca, caseId);
  if (!isOpen(c.status)) throw caseNotOpen();
  if (c.version !== expectedVersion) throw preconditionFailed();
  const set: Record<string, unknown> = {};
  const changes: { kind: string; data: Record<string, unknown> }[] = [];
  if (patch.severity !== undefined && patch.severity !== c.severity) {
    set.severity = patch.severity;
    changes.push({ kind: 'severity_changed', data: { from: c.severity, to: patch.severity } });
  }
  if (patch.contactUserId !== undefined && patch.contactUserId !== c.contactUserId) {
    await checkAccountUsers(deps, c.accountId, [patch.contactUserId], 'body.contactUserId');
    set.contact_user_id = patch.contactUserId;
    changes.push({ kind: 'contact_changed', data: { from: c.contactName, to: await actorName(deps.db, patch.contactUserId) } });
  }
  let ccs: string[] | null = null;
  if (patch.ccUserIds !== undefined) {
    ccs = await checkAccountUsers(deps, c.accountId, patch.ccUserIds, 'body.ccUserIds');
    const before = [...c.ccUserIds].sort().join();
    if ([...ccs].sort().join() === before) ccs = null;
    else changes.push({ kind: 'ccs_changed', data: { count: ccs.length } });
  }
  if (patch.keyId !== undefined && patch.keyId !== c.keyId) {
    if (patch.keyId === null) {
      if (c.type === 'technical') throw field('body.keyId', 'required', 'A technical case needs its product key');
      set.key_id = null;
    } else {
      const key = await checkKey(deps, ca, patch.keyId, c.type);
      set.key_id = key.id;
      set.product_id = key.productId;
    }
    changes.push({ kind: 'key_changed', data: {} });
  }
  if (patch.description !== undefined && patch.description !== c.description) {
    set.description = patch.description;
    changes.push({ kind: 'description_edited', data: {} });
  }
  if (!changes.length) return c;
  await deps.db.transaction().execute(async (trx) => {
    const r = repo(deps, trx);
    if (!(await r.update(trx, c.id, expectedVersion, { ...set, last_activity_at: nowIso() }))) throw preconditionFailed();
    if (ccs) await r.setCcs(trx, c.id, ccs);
    for (const ch of changes) await r.addEvent(trx, { caseId: c.id, actorUserId: ca.actor.userId, kind: ch.kind, visibility: 'public', data: ch.data });
    if (set.description !== undefined) await reindexCase(trx, deps.dialect, c.id);
    await recordAuditEvent(trx, {
      accountId: c.accountId, actorUserId: ca.actor.userId, action: 'case.updated', targetType: 'case', targetId: c.id,
      data: { number: c.number, fields: changes.map((ch) => ch.kind.replace(/_(changed|edited)$/, '')) }, ip,
    });
  });
  return (await repo(deps).find(c.id))!;
}

/** Kommentar hinzufügen: support is told automatically; a case waiting for the customer goes back to support. */
export async function addCustomerComment({ deps, ca, caseId, body, ip }: { deps: AppDeps; ca: CaseActor; caseId: string; body: string; ip: string }) {
  const c = await getVisibleCase({ deps, ca, caseId });
  if (!isOpen(c.status)) throw caseNotOpen();
  const name = await actorName(deps.db, ca.actor.userId);
  return deps.db.transaction().execute(async (trx) => {
    const r = repo(deps, trx);
    const comment = await r.addComment(trx, { caseId: c.id, authorUserId: ca.actor.userId, authorKind: 'customer', visibility: 'public', body });
    const set: Record<string, unknown> = { last_activity_at: comment.createdAt };
    if (c.status === 'waiting_on_customer') {
      set.status = 'in_progress';
      await r.addEvent(trx, { caseId: c.id, actorUserId: ca.actor.userId, kind: 'status_changed', visibility: 'public', data: { from: c.status, to: 'in_progress' } });
    }
    await r.update(trx, c.id, null, set, { bump: set.status !== undefined });
    await reindexCase(trx, deps.dialect, c.id);
    await recordAuditEvent(trx, { accountId: c.accountId, actorUserId: ca.actor.userId, action: 'case.commented', targetType: 'case', targetId: c.id, data: { number: c.number }, ip });
    await notify.customerCommented(trx, deps, { ...c, status: (set.status as CaseStatus) ?? c.status }, { userId: ca.actor.userId, name }, body);
    return comment;
  });
}

async function changeStatus(
  deps: AppDeps, c: CaseRecord, to: CaseStatus, by: { userId: string; accountId: string | null }, ip: string, extra: Record<string, unknown> = {},
) {
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const r = repo(deps, trx);
    const set = {
      status: to, last_activity_at: at,
      ...(to === 'solved' ? { solved_at: at } : {}), ...(to === 'closed' ? { closed_at: at } : {}),
      ...(isOpen(to) ? { solved_at: null, closed_at: null } : {}), ...extra,
    };
    if (!(await r.update(trx, c.id, c.version, set))) throw preconditionFailed();
    await r.addEvent(trx, { caseId: c.id, actorUserId: by.userId, kind: 'status_changed', visibility: 'public', data: { from: c.status, to } });
    await recordAuditEvent(trx, {
      accountId: c.accountId, actorUserId: by.userId, action: to === 'solved' ? 'case.solved' : isOpen(to) && !isOpen(c.status) ? 'case.reopened' : 'case.status_changed',
      targetType: 'case', targetId: c.id, data: { number: c.number, from: c.status, to }, ip,
    });
    const after = (await r.find(c.id))!;
    const name = await actorName(trx, by.userId);
    await notify.statusChanged(trx, deps, after, { userId: by.userId, name });
    if (by.accountId !== null && isOpen(to) && !isOpen(c.status)) await notify.reopened(trx, deps, after, { userId: by.userId, name });
  });
  return (await repo(deps).find(c.id))!;
}

/** Als gelöst markieren. */
export async function solveCase({ deps, ca, caseId, ip }: { deps: AppDeps; ca: CaseActor; caseId: string; ip: string }) {
  const c = await getEditableCase(deps, ca, caseId);
  if (!isOpen(c.status)) throw caseNotOpen();
  return changeStatus(deps, c, 'solved', ca.actor, ip);
}

/** Reopen within 14 days of solving; later, a new case links the old one. */
export async function reopenCase({ deps, ca, caseId, ip }: { deps: AppDeps; ca: CaseActor; caseId: string; ip: string }) {
  const c = await getEditableCase(deps, ca, caseId);
  if (c.status !== 'solved' && c.status !== 'closed') throw caseNotSolved();
  if (!mayReopen(c)) throw reopenExpired();
  return changeStatus(deps, c, c.assignedUserId ? 'in_progress' : 'new', ca.actor, ip);
}

export async function recordCaseView(deps: AppDeps, userId: string, caseId: string) {
  await repo(deps).recordView(userId, caseId);
}

/* ---------- staff ---------- */

export interface StaffCasePatch {
  status?: CaseStatus;
  severity?: CaseSeverity;
  assignedUserId?: string | null;
}

/** Assign, change status and severity from the support console; If-Match guarded. */
export async function staffUpdateCase({ deps, staffUserId, c, expectedVersion, patch, ip }: { deps: AppDeps; staffUserId: string; c: CaseRecord; expectedVersion: number; patch: StaffCasePatch; ip: string }) {
  if (c.version !== expectedVersion) throw preconditionFailed();
  if (patch.assignedUserId) {
    const agent = await deps.db.selectFrom('users').select(['id', 'kind', 'status', 'staff_role']).where('id', '=', patch.assignedUserId).executeTakeFirst();
    if (agent?.kind !== 'staff' || agent.status !== 'active' || agent.staff_role === 'release') {
      throw field('body.assignedUserId', 'unknown_agent', 'Not an active support agent');
    }
  }
  const at = nowIso();
  const set: Record<string, unknown> = { last_activity_at: at };
  const events: { kind: string; visibility: 'public' | 'internal'; data: Record<string, unknown> }[] = [];
  if (patch.severity !== undefined && patch.severity !== c.severity) {
    set.severity = patch.severity;
    if (!c.firstRespondedAt) set.first_response_due_at = firstResponseDue(new Date(c.createdAt), patch.severity).toISOString();
    events.push({ kind: 'severity_changed', visibility: 'public', data: { from: c.severity, to: patch.severity } });
  }
  if (patch.assignedUserId !== undefined && patch.assignedUserId !== c.assignedUserId) {
    set.assigned_user_id = patch.assignedUserId;
    if (patch.assignedUserId && c.status === 'new' && patch.status === undefined) set.status = 'in_progress';
    events.push({ kind: 'assigned', visibility: 'internal', data: { to: patch.assignedUserId ? await actorName(deps.db, patch.assignedUserId) : null } });
  }
  const to = patch.status ?? (set.status as CaseStatus | undefined);
  const statusChanged = to !== undefined && to !== c.status;
  if (statusChanged) {
    set.status = to;
    if (to === 'solved') set.solved_at = at;
    if (to === 'closed') set.closed_at = at;
    if (isOpen(to)) Object.assign(set, { solved_at: null, closed_at: null });
    events.push({ kind: 'status_changed', visibility: 'public', data: { from: c.status, to } });
  }
  if (!events.length) return c;
  await deps.db.transaction().execute(async (trx) => {
    const r = repo(deps, trx);
    if (!(await r.update(trx, c.id, expectedVersion, set))) throw preconditionFailed();
    for (const e of events) await r.addEvent(trx, { caseId: c.id, actorUserId: staffUserId, ...e });
    await recordAuditEvent(trx, {
      accountId: c.accountId, actorUserId: staffUserId, action: 'case.staff_updated', targetType: 'case', targetId: c.id,
      data: { number: c.number, fields: events.filter((e) => e.visibility === 'public').map((e) => e.kind.replace(/_changed$/, '')) }, ip,
    });
    const after = (await r.find(c.id))!;
    const name = await actorName(trx, staffUserId);
    if (statusChanged) await notify.statusChanged(trx, deps, after, { userId: staffUserId, name });
    if (set.assigned_user_id) await notify.assigned(trx, deps, after, { userId: staffUserId, name });
  });
  return (await repo(deps).find(c.id))!;
}

/**
 * A public reply (to the customer, by mail too) or an internal note (staff only: never in a
 * customer's timeline, search, export, mail or account activity). A reply may set the status,
 * by default "waiting for the customer"; the first reply meets the first-response target.
 */
export async function staffComment({
  deps, staffUserId, c, body, visibility, status, ip,
}: { deps: AppDeps; staffUserId: string; c: CaseRecord; body: string; visibility: 'public' | 'internal'; status?: CaseStatus; ip: string }) {
  const name = await actorName(deps.db, staffUserId);
  return deps.db.transaction().execute(async (trx) => {
    const r = repo(deps, trx);
    const comment = await r.addComment(trx, { caseId: c.id, authorUserId: staffUserId, authorKind: 'staff', visibility, body });
    if (visibility === 'internal') {
      // Staff-only trail: no account id, so it never shows in the customer's account activity.
      await recordAuditEvent(trx, { accountId: null, actorUserId: staffUserId, action: 'case.internal_note_added', targetType: 'case', targetId: c.id, data: { number: c.number }, ip });
      return comment;
    }
    const to = status ?? (c.status === 'solved' || c.status === 'closed' ? c.status : 'waiting_on_customer');
    const set: Record<string, unknown> = { last_activity_at: comment.createdAt };
    if (!c.firstRespondedAt) set.first_responded_at = comment.createdAt;
    if (!c.assignedUserId) set.assigned_user_id = staffUserId;
    if (to !== c.status) {
      set.status = to;
      if (to === 'solved') set.solved_at = comment.createdAt;
      if (to === 'closed') set.closed_at = comment.createdAt;
      if (isOpen(to)) Object.assign(set, { solved_at: null, closed_at: null });
      await r.addEvent(trx, { caseId: c.id, actorUserId: staffUserId, kind: 'status_changed', visibility: 'public', data: { from: c.status, to } });
    }
    await r.update(trx, c.id, null, set, { bump: set.status !== undefined || set.assigned_user_id !== undefined });
    await reindexCase(trx, deps.dialect, c.id);
    await recordAuditEvent(trx, { accountId: c.accountId, actorUserId: staffUserId, action: 'case.replied', targetType: 'case', targetId: c.id, data: { number: c.number }, ip });
    const after = (await r.find(c.id))!;
    await notify.supportReplied(trx, deps, after, { userId: staffUserId, name }, body);
    return comment;
  });
}
