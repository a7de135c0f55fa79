import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { recordAuditEvent } from '../../app/audit.js';
import type { CustomerActor } from '../../app/auth/actor.js';
import { can } from '../../app/auth/actor.js';
import { permissionsForMembership } from '../../app/auth/permissions.js';
import type { Db } from '../../app/db.js';
import { nowIso, parseJson, toBool } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { newId } from '../../app/ids.js';
import { enqueueJob, type JobHandler } from '../../app/jobs.js';
import { type MailAttachment, queueMail } from '../../app/mail.js';
import type { AppDeps } from '../../app/types.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { csvStream, xlsxStream } from './report-export.js';
import { describeFilters, REPORT_TITLES, reportMails } from './report-mails.js';
import { canRunReport, customerReportScope, type ReportActor } from './reports.policy.js';
import { createReportsRepository } from './reports.repository.js';
import { type ReportFilters, type ReportId, reportFilters } from './reports.schemas.js';
import { exportFileName, exportReport, resolveFilters, userLocale } from './reports.usecases.js';

export const REPORT_SUBSCRIPTION_JOB = 'report.subscription';
/** A user keeps at most this many subscriptions per account. */
export const MAX_SUBSCRIPTIONS = 20;
/** Larger exports go out as a link to the report instead of an attachment. */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
/** The hour (UTC) scheduled reports go out: early morning in Europe. */
const SEND_HOUR_UTC = 5;

export const subscriptionLimitReached = createError({ code: 'report_subscription.limit', status: 409, message: `At most ${MAX_SUBSCRIPTIONS} report subscriptions per account` });
export const subscriptionNotFound = createError({ code: 'report_subscription.not_found', status: 404, message: 'Report subscription not found' });

export type Frequency = 'weekly' | 'monthly';
export type PausedReason = 'user_inactive' | 'membership_ended' | 'account_suspended' | 'not_permitted';

export interface ReportSubscription {
  id: string;
  userId: string;
  accountId: string;
  reportId: ReportId;
  filters: Record<string, string | number>;
  frequency: Frequency;
  format: 'xlsx' | 'csv';
  status: 'active' | 'paused';
  pausedReason: PausedReason | null;
  nextRunAt: string;
  lastSentAt: string | null;
  createdAt: string;
}

/**
 * The next send time strictly after `after`: Mondays (weekly) or the first of the month (monthly),
 * at SEND_HOUR_UTC.
 */
export function nextRunAfter(frequency: Frequency, after: Date): string {
  const d = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), SEND_HOUR_UTC));
  if (frequency === 'weekly') {
    const toMonday = (8 - d.getUTCDay()) % 7;
    d.setUTCDate(d.getUTCDate() + toMonday);
    if (d <= after) d.setUTCDate(d.getUTCDate() + 7);
  } else {
    d.setUTCDate(1);
    if (d <= after) d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return d.toISOString();
}

type Row = Awaited<ReturnType<ReturnType<typeof selectSubscriptions>['execute']>>[number];
const selectSubscriptions = (db: Db) => db.selectFrom('report_subscriptions').selectAll();
const toSubscription = (r: Row): ReportSubscription => ({
  id: r.id,
  userId: r.user_id,
  accountId: r.account_id,
  reportId: r.report_id,
  filters: parseJson(r.filters) as Record<string, string | number>,
  frequency: r.frequency,
  format: r.format,
  status: r.status,
  pausedReason: r.paused_reason as PausedReason | null,
  nextRunAt: r.next_run_at,
  lastSentAt: r.last_sent_at,
  createdAt: r.created_at,
});

export function presentSubscription(s: ReportSubscription) {
  return {
    id: s.id, reportId: s.reportId, filters: s.filters, frequency: s.frequency, format: s.format, status: s.status, pausedReason: s.pausedReason,
    nextRunAt: s.nextRunAt, lastSentAt: s.lastSentAt, createdAt: s.createdAt,
  };
}

/**
 * The filters a subscription keeps: the report's own (checked as a run would check them), without
 * the dates — a scheduled report always covers the report's usual span up to the day it is sent.
 */
function subscriptionFilters(reportId: ReportId, filters: ReportFilters): Record<string, string | number> {
  const { from: _from, to: _to, ...rest } = filters;
  const { values } = resolveFilters(reportId, rest);
  const { from: _f, to: _t, ...kept } = values;
  return kept;
}

/** The user's own subscriptions in the account in use, newest first. */
export async function listSubscriptions({ db, actor }: { db: Db; actor: CustomerActor & { accountId: string } }) {
  const rows = await selectSubscriptions(db).where('user_id', '=', actor.userId).where('account_id', '=', actor.accountId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(MAX_SUBSCRIPTIONS).execute();
  return rows.map(toSubscription);
}

/** Subscribes the user to a report they may run now; the first mail goes out at the next send time. */
export async function createSubscription({ deps, actor, input, ip }: {
  deps: AppDeps; actor: CustomerActor & { accountId: string }; input: { reportId: ReportId; filters: ReportFilters; frequency: Frequency; format: 'xlsx' | 'csv' }; ip: string;
}): Promise<ReportSubscription> {
  if (!canRunReport(actor, input.reportId)) throw errors.forbidden();
  const filters = subscriptionFilters(input.reportId, input.filters);
  const now = new Date();
  const id = newId('rsb');
  const nextRunAt = nextRunAfter(input.frequency, now);
  await deps.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('report_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('account_id', '=', actor.accountId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_SUBSCRIPTIONS) throw subscriptionLimitReached();
    await trx
      .insertInto('report_subscriptions')
      .values({
        id, user_id: actor.userId, account_id: actor.accountId, report_id: input.reportId, filters: JSON.stringify(filters), frequency: input.frequency,
        format: input.format, status: 'active', paused_reason: null, next_run_at: nextRunAt, last_sent_at: null, created_at: now.toISOString(), updated_at: now.toISOString(),
      })
      .execute();
    await enqueueJob(trx, { kind: REPORT_SUBSCRIPTION_JOB, payload: { subscriptionId: id }, runAt: nextRunAt });
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'report_subscription.created', targetType: 'report_subscription', targetId: id,
      data: { reportId: input.reportId, frequency: input.frequency, format: input.format, filters }, ip,
    });
  });
  const row = await selectSubscriptions(deps.db).where('id', '=', id).executeTakeFirstOrThrow();
  return toSubscription(row);
}

/** Ends one of the user's own subscriptions; another user's reads as not found. */
export async function deleteSubscription({ deps, actor, subscriptionId, ip }: { deps: AppDeps; actor: CustomerActor & { accountId: string }; subscriptionId: string; ip: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('report_subscriptions')
      .where('id', '=', subscriptionId)
      .where('user_id', '=', actor.userId)
      .where('account_id', '=', actor.accountId)
      .returning(['id', 'report_id'])
      .executeTakeFirst();
    if (!deleted) throw subscriptionNotFound();
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'report_subscription.deleted', targetType: 'report_subscription', targetId: deleted.id,
      data: { reportId: deleted.report_id }, ip,
    });
  });
}

/**
 * The subscriber as a session would make them now: their membership's role and flags today, or why
 * they may no longer receive the report (then nothing is sent and the subscription pauses).
 */
async function subscriberNow(db: Db, s: ReportSubscription): Promise<{ ra: ReportActor; name: string; email: string } | { reason: PausedReason }> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'u.id').on('m.account_id', '=', s.accountId))
    .leftJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['u.name', 'u.email', 'u.status as user_status', 'u.kind', 'm.role', 'm.case_admin', 'm.billing', 'm.downloads', 'm.status as membership_status', 'a.status as account_status'])
    .where('u.id', '=', s.userId)
    .executeTakeFirst();
  if (row?.user_status !== 'active' || row.kind !== 'customer') return { reason: 'user_inactive' };
  if (!row.role || row.membership_status !== 'active') return { reason: 'membership_ended' };
  if (row.account_status !== 'active') return { reason: 'account_suspended' };
  const grant = { role: row.role, caseAdmin: toBool(row.case_admin), billing: toBool(row.billing), downloads: toBool(row.downloads) };
  const actor: CustomerActor & { accountId: string } = {
    kind: 'customer', userId: s.userId, sessionId: '', accountId: s.accountId, ...grant, permissions: permissionsForMembership(grant),
  };
  if (!canRunReport(actor, s.reportId)) return { reason: 'not_permitted' };
  const needsGroups = (can(actor, 'read:keys:groups') && !can(actor, 'read:keys:all')) || (can(actor, 'read:cases:keys') && !can(actor, 'read:cases:all'));
  const managedGroupIds = needsGroups ? await createKeyGroupsRepository({ db }).managedBy(s.userId, s.accountId) : [];
  return { ra: { actor, managedGroupIds }, name: row.name, email: row.email };
}

/** Reads an export into memory for the mail, up to `max` bytes (null when larger: the mail links instead). */
async function boundedBuffer(stream: NodeJS.ReadableStream & { destroy(): void }, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > max) {
      stream.destroy();
      return null;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The portal page of the report with the subscription's filters (the same URL the page bookmarks). */
export function reportPageUrl(publicUrl: string, reportId: ReportId, filters: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(filters).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `${publicUrl}/reports/${reportId}${qs ? `?${qs}` : ''}`;
}

/**
 * Sends one due subscription: evaluates the report with the subscriber's rights as they are now
 * (a user who lost them gets nothing; the subscription pauses with the reason), attaches the export
 * and queues the mail through the outbox, then schedules the next run — the claim, the mail, the
 * next job and the audit event in one transaction, so two workers never send the same run twice.
 */
export async function sendSubscription({ deps, subscriptionId, now = new Date(), log }: { deps: AppDeps; subscriptionId: string; now?: Date; log?: FastifyBaseLogger }) {
  const row = await selectSubscriptions(deps.db).where('id', '=', subscriptionId).executeTakeFirst();
  if (!row) return { sent: false as const, reason: 'gone' as const };
  const s = toSubscription(row);
  if (s.status !== 'active') return { sent: false as const, reason: 'paused' as const };
  if (Date.parse(s.nextRunAt) > now.getTime()) return { sent: false as const, reason: 'not_due' as const };
  const nextRunAt = nextRunAfter(s.frequency, now);
  const who = await subscriberNow(deps.db, s);
  if ('reason' in who) {
    const paused = await deps.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('report_subscriptions')
        .set({ status: 'paused', paused_reason: who.reason, updated_at: nowIso() })
        .where('id', '=', s.id)
        .where('status', '=', 'active')
        .where('next_run_at', '=', s.nextRunAt)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await recordAuditEvent(trx, {
        accountId: s.accountId, actorUserId: null, action: 'report_subscription.paused', targetType: 'report_subscription', targetId: s.id,
        data: { reportId: s.reportId, userId: s.userId, reason: who.reason },
      });
      return true;
    });
    if (paused) log?.info({ subscriptionId: s.id, reason: who.reason }, 'report subscription paused');
    return { sent: false as const, reason: who.reason };
  }
  const locale = await userLocale(deps.db, s.userId, s.accountId);
  const filters = resolveFilters(s.reportId, reportFilters.parse(s.filters), now);
  const repo = createReportsRepository({ db: deps.db, dialect: deps.dialect });
  const exp = exportReport({ repo, reportId: s.reportId, scope: customerReportScope(who.ra), filters, locale, ra: who.ra });
  const filename = exportFileName(s.reportId, locale, s.format, filters.today);
  const content = await boundedBuffer(s.format === 'csv' ? csvStream(exp) : xlsxStream(exp, { sheetName: REPORT_TITLES[s.reportId][locale] }), MAX_ATTACHMENT_BYTES);
  const attachment: MailAttachment | null = content
    ? { filename, contentType: s.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content }
    : null;
  const mail = reportMails.scheduled(locale, {
    to: who.email, name: who.name, reportId: s.reportId, frequency: s.frequency, filters: describeFilters(locale, filters.values), at: now.toISOString(),
    url: reportPageUrl(deps.config.publicUrl, s.reportId, s.filters), attachment,
  });
  const sent = await deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('report_subscriptions')
      .set({ next_run_at: nextRunAt, last_sent_at: now.toISOString(), updated_at: nowIso() })
      .where('id', '=', s.id)
      .where('status', '=', 'active')
      .where('next_run_at', '=', s.nextRunAt)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await queueMail(trx, { mail, accountId: s.accountId, deliver: deps.mailer.delivers });
    await enqueueJob(trx, { kind: REPORT_SUBSCRIPTION_JOB, payload: { subscriptionId: s.id }, runAt: nextRunAt });
    await recordAuditEvent(trx, {
      accountId: s.accountId, actorUserId: null, action: 'report_subscription.sent', targetType: 'report_subscription', targetId: s.id,
      data: { reportId: s.reportId, userId: s.userId, attached: attachment !== null, bytes: content?.length ?? null },
    });
    return true;
  });
  return sent ? { sent: true as const, attached: attachment !== null } : { sent: false as const, reason: 'claimed_elsewhere' as const };
}

/** `report.subscription {subscriptionId}`: the job each subscription schedules for its next run. */
export function createReportSubscriptionTask(deps: AppDeps, log?: FastifyBaseLogger): Record<string, JobHandler> {
  return {
    [REPORT_SUBSCRIPTION_JOB]: async (payload) => {
      await sendSubscription({ deps, subscriptionId: String(payload.subscriptionId), log });
    },
  };
}

/**
 * Housekeeping's safety net: a subscription whose run is more than an hour overdue lost its job
 * (it failed for good, or the database was restored without it); give it a new one. A duplicate
 * job is harmless: only one run claims next_run_at.
 */
export async function requeueOverdueSubscriptions({ deps, now = new Date() }: { deps: AppDeps; now?: Date }): Promise<number> {
  const overdue = await deps.db
    .selectFrom('report_subscriptions as s')
    .select('s.id')
    .where('s.status', '=', 'active')
    .where('s.next_run_at', '<', new Date(now.getTime() - 3_600_000).toISOString())
    // Not while a job for it still waits or runs (in backoff after a failure, say).
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs as j')
            .select('j.id')
            .where('j.kind', '=', REPORT_SUBSCRIPTION_JOB)
            .where('j.status', 'in', ['pending', 'running'])
            .where(sql<boolean>`cast(j.payload as text) like '%' || s.id || '%'`),
        ),
      ),
    )
    .limit(500)
    .execute();
  for (const { id } of overdue) await enqueueJob(deps.db, { kind: REPORT_SUBSCRIPTION_JOB, payload: { subscriptionId: id } });
  return overdue.length;
}
