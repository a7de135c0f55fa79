import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';
import { readAll } from '../../app/sqlite-readers.js';
import type { Database } from '../../db/schema.js';
import { OPEN_STATUSES } from '../cases/cases.policy.js';
import { caseScopeWhere, staffCaseScopeWhere } from '../cases/cases.repository.js';
import { invoiceScopeWhere } from '../invoices/invoices.repository.js';
import { keyScopeWhere } from '../keys/keys.repository.js';
import { LIVE } from '../keys/live.js';
import type { ReportScope } from './reports.policy.js';
import { medianOf, monthOf, secondsBetween, weekOf } from './report-sql.js';

type KeyEb = ExpressionBuilder<Database & { k: Database['product_keys'] }, 'k'>;
type CaseEb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;
type InvoiceEb = ExpressionBuilder<Database & { i: Database['invoices'] }, 'i'>;

/** Filters as the repository takes them: resolved (defaults applied, dates as ISO bounds). */
export interface KeyFilter {
  productId?: string;
  keyGroupId?: string;
  status?: 'active' | 'suspended' | 'revoked';
  /** Keys created in [createdFrom, createdBefore). */
  createdFrom?: string;
  createdBefore?: string;
}

export interface Range {
  /** Inclusive ISO timestamp. */
  from: string;
  /** Exclusive ISO timestamp. */
  before: string;
}

/** The key list's scope (customers) or all accounts / one account (staff): never a report's own rule. */
export function keyReportWhere(eb: KeyEb, scope: ReportScope) {
  if (scope.kind === 'customer') return keyScopeWhere(eb, scope.keys);
  return scope.accountId ? eb('k.account_id', '=', scope.accountId) : eb.and([]);
}

export function caseReportWhere(eb: CaseEb, scope: ReportScope) {
  if (scope.kind === 'customer') return caseScopeWhere(eb, scope.cases);
  return eb.and([staffCaseScopeWhere(eb, scope.cases), ...(scope.accountId ? [eb('c.account_id', '=', scope.accountId)] : [])]);
}

export function invoiceReportWhere(eb: InvoiceEb, scope: ReportScope) {
  if (scope.kind === 'customer') return invoiceScopeWhere(eb, scope.invoices);
  // Staff see drafts in the console, but a report of billed and open money counts issued invoices.
  return eb.and([eb('i.tab', '!=', 'draft'), ...(scope.accountId ? [eb('i.account_id', '=', scope.accountId)] : [])]);
}

/** The one account a report reads, if its scope has one: a customer's, or the console narrowed to one. */
function scopeAccountId(scope: ReportScope): string | null {
  return scope.kind === 'customer' ? scope.keys.accountId : scope.accountId;
}

/**
 * The scope's account on the activation row itself (migration 0013), beside the key's: PostgreSQL
 * then reads the account's activations from its account-led indexes instead of probing once per
 * key. Not on SQLite: its key-led indexes cover every column the reports read but this one, so the
 * condition would fetch each row from the table (the activations report went from 0.19 to 0.67 s).
 */
function activationAccountWhere(dialect: Dialect, scope: ReportScope) {
  const accountId = dialect === 'postgres' ? scopeAccountId(scope) : null;
  return accountId ? sql<boolean>`a.account_id = ${accountId}` : sql<boolean>`1 = 1`;
}

/** Whether a report on activations must look at their keys: a key filter, or a scope of some keys only. */
function keysNeeded(scope: ReportScope, f: KeyFilter): boolean {
  // Staff read whole accounts; a customer's scope may be the keys of some groups or their own.
  const someKeys = scope.kind === 'customer' && scope.keys.kind !== 'account';
  return someKeys || Object.values(f).some((v) => v !== undefined);
}

function keyFilterWhere(eb: KeyEb, f: KeyFilter) {
  const parts = [];
  if (f.productId) parts.push(eb('k.product_id', '=', f.productId));
  if (f.keyGroupId === 'none') parts.push(eb('k.key_group_id', 'is', null));
  else if (f.keyGroupId) parts.push(eb('k.key_group_id', '=', f.keyGroupId));
  if (f.status) parts.push(eb('k.status', '=', f.status));
  if (f.createdFrom) parts.push(eb('k.created_at', '>=', f.createdFrom));
  if (f.createdBefore) parts.push(eb('k.created_at', '<', f.createdBefore));
  return eb.and(parts);
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const assignedSql = sql<number>`case when k.assigned_user_id is not null or k.assigned_email is not null or k.assigned_name is not null then 1 else 0 end`;

/** Rows of a detail export, one page at a time in a stable order (keyset: never OFFSET, never all at once). */
export interface Page<T> {
  rows: T[];
  next: { at: string; id: string } | null;
}

function keysetAfter(atColumn: string, idColumn: string, after: { at: string; id: string } | null) {
  if (!after) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${sql.ref(atColumn)} > ${after.at} or (${sql.ref(atColumn)} = ${after.at} and ${sql.ref(idColumn)} > ${after.id}))`;
}

function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (r: T) => string): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: at(last), id: last.id } : null };
}

export function createReportsRepository({ db, dialect }: { db: Db; dialect: Dialect }) {
  /**
   * Keys in scope with their seats in use: the base of the inventory's groups. SQLite counts each
   * key's machines from its partial index, a probe per key; PostgreSQL's probes cost ten times as
   * much, so it counts the account's live machines in one pass of their index and joins the counts.
   */
  const keysWithSeatsUsed = (scope: ReportScope, f: KeyFilter) => {
    const keys = db
      .selectFrom('product_keys as k')
      .where((eb) => keyReportWhere(eb, scope))
      .where((eb) => keyFilterWhere(eb, f));
    const columns = ['k.product_id', 'k.edition_id', 'k.key_group_id', 'k.status', 'k.seats', assignedSql.as('assigned')] as const;
    if (dialect === 'sqlite') {
      return keys.select((eb) => [
        ...columns,
        eb.selectFrom('activations as a').whereRef('a.key_id', '=', 'k.id').where('a.status', '=', LIVE).select(eb.fn.countAll<number>().as('c')).as('used'),
      ]);
    }
    const live = db
      .selectFrom('activations as a')
      .where('a.status', '=', LIVE)
      .where(activationAccountWhere(dialect, scope))
      .select((eb) => ['a.key_id', eb.fn.countAll<number>().as('c')])
      .groupBy('a.key_id');
    return keys.leftJoin(live.as('u'), 'u.key_id', 'k.id').select((eb) => [...columns, eb.fn.coalesce('u.c', sql.lit(0)).as('used')]);
  };

  /**
   * The scope's activations, for the aggregates. Their keys are looked at only where needed: always
   * on SQLite, whose key-led covering indexes (migration 0012) answer per key of the scope; on
   * PostgreSQL only for a key filter or a scope narrower than the account, because there the
   * account-led indexes (migration 0013) answer alone, and joining the account's keys back makes
   * its planner count the account twice and probe per key instead.
   */
  const activationsOf = (scope: ReportScope, filter: KeyFilter) => {
    const query = db.selectFrom('activations as a').where(activationAccountWhere(dialect, scope));
    if (dialect === 'postgres' && !keysNeeded(scope, filter)) return query;
    return query.where((eb) =>
      eb(
        'a.key_id',
        'in',
        eb
          .selectFrom('product_keys as k')
          .where((k) => keyReportWhere(k, scope))
          .where((k) => keyFilterWhere(k, filter))
          .select('k.id'),
      ),
    );
  };

  return {
    /** Schlüsselbestand: keys and seats grouped by product, edition, key group, status and assignment. */
    async keyInventory({ scope, filter }: { scope: ReportScope; filter: KeyFilter }) {
      const rows = await readAll(
        db,
        db
        .selectFrom(keysWithSeatsUsed(scope, filter).as('x'))
        .innerJoin('products as p', 'p.id', 'x.product_id')
        .leftJoin('editions as e', 'e.id', 'x.edition_id')
        .leftJoin('key_groups as g', 'g.id', 'x.key_group_id')
        .select((eb) => [
          'p.name as product', 'e.name as edition', 'g.name as key_group', 'x.status', 'x.assigned',
          eb.fn.countAll<number>().as('keys'), eb.fn.sum<number>('x.seats').as('seats'), eb.fn.sum<number>('x.used').as('seats_used'),
        ])
        .groupBy(['p.name', 'e.name', 'g.name', 'x.status', 'x.assigned'])
        .orderBy('p.name')
        .orderBy('e.name')
        .orderBy('g.name')
        .orderBy('x.status')
        .orderBy('x.assigned'),
      );
      return rows.map((r) => ({
        product: r.product,
        edition: r.edition,
        keyGroup: r.key_group,
        status: r.status,
        assigned: n(r.assigned) === 1,
        keys: n(r.keys),
        seats: n(r.seats),
        seatsUsed: n(r.seats_used),
      }));
    },

    /** Wartung: how many keys (and seats) end maintenance in each window from now. */
    async maintenanceBuckets({ scope, filter, now, bounds }: { scope: ReportScope; filter: KeyFilter; now: string; bounds: readonly { key: string; until: string }[] }) {
      const last = bounds.at(-1);
      if (!last) return [];
      const bucket = sql<string>`case ${sql.join(bounds.map((b) => sql`when k.maintenance_end <= ${b.until} then ${b.key}`), sql` `)} end`;
      const rows = await db
        .selectFrom('product_keys as k')
        .where((eb) => keyReportWhere(eb, scope))
        .where((eb) => keyFilterWhere(eb, filter))
        .where('k.maintenance_end', '>', now)
        .where('k.maintenance_end', '<=', last.until)
        .select((eb) => [bucket.as('bucket'), eb.fn.countAll<number>().as('keys'), eb.fn.sum<number>('k.seats').as('seats')])
        // By position: the CASE carries bound parameters, which PostgreSQL would not match to the select list's.
        .groupBy(sql`1`)
        .execute();
      return rows.map((r) => ({ bucket: r.bucket, keys: n(r.keys), seats: n(r.seats) }));
    },

    /** The keys whose maintenance ends in (now, until], soonest first, one page. */
    async maintenanceKeys({ scope, filter, now, until, limit, after = null }: {
      scope: ReportScope; filter: KeyFilter; now: string; until: string; limit: number; after?: { at: string; id: string } | null;
    }) {
      const rows = await db
        .selectFrom('product_keys as k')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .leftJoin('editions as e', 'e.id', 'k.edition_id')
        .leftJoin('key_groups as g', 'g.id', 'k.key_group_id')
        .innerJoin('accounts as acc', 'acc.id', 'k.account_id')
        .where((eb) => keyReportWhere(eb, scope))
        .where((eb) => keyFilterWhere(eb, filter))
        .where('k.maintenance_end', '>', now)
        .where('k.maintenance_end', '<=', until)
        .where(keysetAfter('k.maintenance_end', 'k.id', after))
        .select([
          'k.id', 'k.account_id', 'acc.name as account_name', 'k.license_key', 'k.key_group_id', 'k.assigned_user_id', 'k.status', 'p.name as product', 'e.name as edition',
          'g.name as key_group', 'k.seats', 'k.assigned_name', 'k.assigned_email', 'k.maintenance_end',
        ])
        .orderBy('k.maintenance_end')
        .orderBy('k.id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows.map((r) => ({
          id: r.id, accountId: r.account_id, accountName: r.account_name, licenseKey: r.license_key, keyGroupId: r.key_group_id, assignedUserId: r.assigned_user_id,
          status: r.status, product: r.product, edition: r.edition, keyGroup: r.key_group, seats: n(r.seats), assignedName: r.assigned_name,
          assignedEmail: r.assigned_email, maintenanceEnd: r.maintenance_end as string,
        })),
        limit,
        (r) => r.maintenanceEnd,
      );
    },

    /** Every key in scope with its seats in use, oldest first, one page: the inventory's export. */
    async inventoryKeys({ scope, filter, limit, after = null }: { scope: ReportScope; filter: KeyFilter; limit: number; after?: { at: string; id: string } | null }) {
      const rows = await db
        .selectFrom('product_keys as k')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .leftJoin('editions as e', 'e.id', 'k.edition_id')
        .leftJoin('key_groups as g', 'g.id', 'k.key_group_id')
        .innerJoin('accounts as acc', 'acc.id', 'k.account_id')
        .where((eb) => keyReportWhere(eb, scope))
        .where((eb) => keyFilterWhere(eb, filter))
        .where(keysetAfter('k.created_at', 'k.id', after))
        .select((eb) => [
          'k.id', 'k.account_id', 'k.key_group_id', 'k.assigned_user_id', 'acc.name as account_name', 'k.license_key', 'p.name as product', 'e.name as edition',
          'g.name as key_group', 'k.status', 'k.seats', 'k.assigned_name', 'k.assigned_email', 'k.maintenance_end', 'k.last_used_version', 'k.last_seen_at', 'k.created_at',
          eb.selectFrom('activations as a').whereRef('a.key_id', '=', 'k.id').where('a.status', '=', LIVE).select(eb.fn.countAll<number>().as('c')).as('used'),
        ])
        .orderBy('k.created_at')
        .orderBy('k.id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows.map((r) => ({
          id: r.id, accountId: r.account_id, keyGroupId: r.key_group_id, assignedUserId: r.assigned_user_id, accountName: r.account_name, licenseKey: r.license_key,
          product: r.product, edition: r.edition, keyGroup: r.key_group, status: r.status,
          seats: n(r.seats), seatsUsed: n(r.used), assignedName: r.assigned_name, assignedEmail: r.assigned_email, maintenanceEnd: r.maintenance_end,
          lastUsedVersion: r.last_used_version, lastSeenAt: r.last_seen_at, createdAt: r.created_at,
        })),
        limit,
        (r) => r.createdAt,
      );
    },

    /** Aktivierungen: activations and deactivations per week of the range. */
    async activationWeeks({ scope, filter, range }: { scope: ReportScope; filter: KeyFilter; range: Range }) {
      /** How many activations started (or ended) in each week of the range. */
      const perWeek = async (column: 'a.activated_at' | 'a.deactivated_at') => {
        const week = weekOf(dialect, column);
        const rows = await readAll(
          db,
          activationsOf(scope, filter)
            .where(column, '>=', range.from)
            .where(column, '<', range.before)
            .select((eb) => [week.as('week'), eb.fn.countAll<number>().as('n')])
            .groupBy(week),
        );
        return rows.map((r) => ({ week: r.week, n: n(r.n) }));
      };
      const [activated, deactivated] = await Promise.all([perWeek('a.activated_at'), perWeek('a.deactivated_at')]);
      return { activated, deactivated };
    },

    /** Machines running each version now (live activations), and how many were not seen since `staleBefore`. */
    async versionsInUse({ scope, filter, staleBefore }: { scope: ReportScope; filter: KeyFilter; staleBefore: string }) {
      const rows = await readAll(
        db,
        activationsOf(scope, filter)
          .where('a.status', '=', LIVE)
          .select((eb) => [
            'a.software_version as version',
            eb.fn.countAll<number>().as('machines'),
            sql<number>`sum(case when a.last_seen_at < ${staleBefore} then 1 else 0 end)`.as('stale'),
          ])
          .groupBy('a.software_version')
          .orderBy('a.software_version'),
      );
      return rows.map((r) => ({ version: r.version, machines: n(r.machines), stale: n(r.stale) }));
    },

    /** The live machines not seen since `staleBefore`, longest unseen first (at most `limit`). */
    async staleMachines({ scope, filter, staleBefore, limit }: { scope: ReportScope; filter: KeyFilter; staleBefore: string; limit: number }) {
      const rows = await readAll(
        db,
        db
          .selectFrom('activations as a')
          .innerJoin('product_keys as k', 'k.id', 'a.key_id')
          .innerJoin('products as p', 'p.id', 'k.product_id')
          .where((eb) => keyReportWhere(eb, scope))
          .where(activationAccountWhere(dialect, scope))
          .where((eb) => keyFilterWhere(eb, filter))
          .where('a.status', '=', LIVE)
          .where('a.last_seen_at', '<', staleBefore)
          .select(['a.id', 'k.id as key_id', 'k.account_id', 'k.key_group_id', 'k.assigned_user_id', 'k.license_key', 'p.name as product', 'a.hostname', 'a.os', 'a.software_version', 'a.last_seen_at'])
          .orderBy('a.last_seen_at')
          .orderBy('a.id')
          .limit(limit),
      );
      return rows.map((r) => ({
        id: r.id, keyId: r.key_id, accountId: r.account_id, keyGroupId: r.key_group_id, assignedUserId: r.assigned_user_id, licenseKey: r.license_key,
        product: r.product, hostname: r.hostname, os: r.os, version: r.software_version, lastSeenAt: r.last_seen_at,
      }));
    },

    /** Every activation of the range, oldest first, one page: the activations report's export. */
    async activationRows({ scope, filter, range, limit, after = null }: { scope: ReportScope; filter: KeyFilter; range: Range; limit: number; after?: { at: string; id: string } | null }) {
      const rows = await db
        .selectFrom('activations as a')
        .innerJoin('product_keys as k', 'k.id', 'a.key_id')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .innerJoin('accounts as acc', 'acc.id', 'k.account_id')
        .where((eb) => keyReportWhere(eb, scope))
        .where(activationAccountWhere(dialect, scope))
        .where((eb) => keyFilterWhere(eb, filter))
        .where('a.activated_at', '>=', range.from)
        .where('a.activated_at', '<', range.before)
        .where(keysetAfter('a.activated_at', 'a.id', after))
        .select([
          'a.id', 'k.account_id', 'k.key_group_id', 'k.assigned_user_id', 'acc.name as account_name', 'k.license_key', 'p.name as product', 'a.hostname', 'a.os',
          'a.software_version', 'a.method', 'a.status',
          'a.activated_at', 'a.last_seen_at', 'a.deactivated_at',
        ])
        .orderBy('a.activated_at')
        .orderBy('a.id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows.map((r) => ({
          id: r.id, accountId: r.account_id, keyGroupId: r.key_group_id, assignedUserId: r.assigned_user_id, accountName: r.account_name, licenseKey: r.license_key,
          product: r.product, hostname: r.hostname, os: r.os, version: r.software_version,
          method: r.method, status: r.status, activatedAt: r.activated_at, lastSeenAt: r.last_seen_at, deactivatedAt: r.deactivated_at,
        })),
        limit,
        (r) => r.activatedAt,
      );
    },

    /** Fälle: cases opened and solved per week of the range, by type and severity. */
    async caseWeeks({ scope, filter, range }: { scope: ReportScope; filter: CaseFilter; range: Range }) {
      const opened = weekOf(dialect, 'c.created_at');
      const solved = weekOf(dialect, 'c.solved_at');
      const base = () => db.selectFrom('cases as c').where((eb) => caseReportWhere(eb, scope)).where((eb) => caseFilterWhere(eb, filter));
      const [o, s] = await Promise.all([
        base()
          .where('c.created_at', '>=', range.from)
          .where('c.created_at', '<', range.before)
          .select((eb) => [opened.as('week'), 'c.type', 'c.severity', eb.fn.countAll<number>().as('n')])
          .groupBy([opened, 'c.type', 'c.severity'])
          .execute(),
        base()
          .where('c.solved_at', '>=', range.from)
          .where('c.solved_at', '<', range.before)
          .select((eb) => [solved.as('week'), 'c.type', 'c.severity', eb.fn.countAll<number>().as('n')])
          .groupBy([solved, 'c.type', 'c.severity'])
          .execute(),
      ]);
      return {
        opened: o.map((r) => ({ week: r.week, type: r.type, severity: r.severity, n: n(r.n) })),
        solved: s.map((r) => ({ week: r.week, type: r.type, severity: r.severity, n: n(r.n) })),
      };
    },

    /** The open backlog now, by severity (the date range does not narrow what is open today). */
    async caseBacklog({ scope, filter }: { scope: ReportScope; filter: CaseFilter }) {
      const rows = await db
        .selectFrom('cases as c')
        .where((eb) => caseReportWhere(eb, scope))
        .where((eb) => caseFilterWhere(eb, filter))
        .where('c.status', 'in', [...OPEN_STATUSES])
        .select((eb) => ['c.severity', eb.fn.countAll<number>().as('n')])
        .groupBy('c.severity')
        .orderBy('c.severity')
        .execute();
      return rows.map((r) => ({ severity: r.severity, n: n(r.n) }));
    },

    /** Median seconds to the first public staff reply and to the solution, of the cases opened in the range. */
    async caseMedians({ scope, filter, range }: { scope: ReportScope; filter: CaseFilter; range: Range }) {
      const durations = (end: 'c.first_responded_at' | 'c.solved_at') =>
        db
          .selectFrom('cases as c')
          .where((eb) => caseReportWhere(eb, scope))
          .where((eb) => caseFilterWhere(eb, filter))
          .where('c.created_at', '>=', range.from)
          .where('c.created_at', '<', range.before)
          .where(end, 'is not', null)
          .select(secondsBetween(dialect, 'c.created_at', end).as('v'));
      const row = await db
        .selectNoFrom([medianOf(durations('c.first_responded_at')).as('first_response'), medianOf(durations('c.solved_at')).as('solution')])
        .executeTakeFirstOrThrow();
      return { firstResponseSeconds: nOrNull(row.first_response), solutionSeconds: nOrNull(row.solution) };
    },

    /** Every case opened in the range, oldest first, one page: the cases report's export. */
    async caseRows({ scope, filter, range, limit, after = null }: { scope: ReportScope; filter: CaseFilter; range: Range; limit: number; after?: { at: string; id: string } | null }) {
      const rows = await db
        .selectFrom('cases as c')
        .innerJoin('accounts as acc', 'acc.id', 'c.account_id')
        .leftJoin('products as p', 'p.id', 'c.product_id')
        .where((eb) => caseReportWhere(eb, scope))
        .where((eb) => caseFilterWhere(eb, filter))
        .where('c.created_at', '>=', range.from)
        .where('c.created_at', '<', range.before)
        .where(keysetAfter('c.created_at', 'c.id', after))
        .select([
          'c.id', 'c.number', 'acc.name as account_name', 'c.subject', 'c.type', 'c.severity', 'c.status', 'p.name as product', 'c.created_at',
          'c.first_responded_at', 'c.solved_at',
        ])
        .orderBy('c.created_at')
        .orderBy('c.id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows.map((r) => ({
          id: r.id, number: r.number, accountName: r.account_name, subject: r.subject, type: r.type, severity: r.severity, status: r.status, product: r.product,
          openedAt: r.created_at, firstRespondedAt: r.first_responded_at, solvedAt: r.solved_at,
        })),
        limit,
        (r) => r.openedAt,
      );
    },

    /** Rechnungen: billed per month and currency (issued, not void), by issue date in [fromDate, toDate]. */
    async billedPerMonth({ scope, currency, fromDate, toDate }: { scope: ReportScope; currency?: string; fromDate: string; toDate: string }) {
      const month = sql<string>`substr(i.issue_date, 1, 7)`;
      const rows = await db
        .selectFrom('invoices as i')
        .where((eb) => invoiceReportWhere(eb, scope))
        .where('i.status', 'in', ['open', 'paid', 'uncollectible'])
        .where('i.issue_date', '>=', fromDate)
        .where('i.issue_date', '<=', toDate)
        .$if(Boolean(currency), (q) => q.where('i.currency', '=', currency as string))
        .select((eb) => [month.as('month'), 'i.currency', eb.fn.sum<number>('i.total').as('total'), eb.fn.countAll<number>().as('n')])
        .groupBy([month, 'i.currency'])
        .execute();
      return rows.map((r) => ({ month: r.month, currency: r.currency, billed: n(r.total), invoices: n(r.n) }));
    },

    /** Payments received per month and currency, on the invoices in scope. */
    async paidPerMonth({ scope, currency, range }: { scope: ReportScope; currency?: string; range: Range }) {
      const month = monthOf(dialect, 'pm.received_at');
      const rows = await db
        .selectFrom('payments as pm')
        .innerJoin('invoices as i', 'i.id', 'pm.invoice_id')
        .where((eb) => invoiceReportWhere(eb as unknown as InvoiceEb, scope))
        .where('pm.received_at', '>=', range.from)
        .where('pm.received_at', '<', range.before)
        .$if(Boolean(currency), (q) => q.where('pm.currency', '=', currency as string))
        .select((eb) => [month.as('month'), 'pm.currency', eb.fn.sum<number>('pm.amount').as('paid')])
        .groupBy([month, 'pm.currency'])
        .execute();
      return rows.map((r) => ({ month: r.month, currency: r.currency, paid: n(r.paid) }));
    },

    /**
     * The open balance per currency today, in ageing buckets by days past the due date. `bounds` are
     * the due dates that start each bucket (computed from today by the caller, so the SQL compares
     * ISO date text on both dialects).
     */
    async ageing({ scope, currency, today, bounds }: { scope: ReportScope; currency?: string; today: string; bounds: { d30: string; d60: string; d90: string } }) {
      const bucket = sql<string>`case
        when i.due_date >= ${today} then 'not_due'
        when i.due_date >= ${bounds.d30} then 'd1_30'
        when i.due_date >= ${bounds.d60} then 'd31_60'
        when i.due_date >= ${bounds.d90} then 'd61_90'
        else 'd90_plus' end`;
      const rows = await db
        .selectFrom('invoices as i')
        .where((eb) => invoiceReportWhere(eb, scope))
        .where('i.status', 'in', ['open', 'uncollectible'])
        .where(sql<boolean>`i.total - i.amount_paid > 0`)
        .$if(Boolean(currency), (q) => q.where('i.currency', '=', currency as string))
        .select((eb) => [bucket.as('bucket'), 'i.currency', sql<number>`sum(i.total - i.amount_paid)`.as('open'), eb.fn.countAll<number>().as('n')])
        // By position: the CASE carries bound parameters, which PostgreSQL would not match to the select list's.
        .groupBy([sql`1`, 'i.currency'])
        .execute();
      return rows.map((r) => ({ bucket: r.bucket, currency: r.currency, open: n(r.open), invoices: n(r.n) }));
    },

    /** Every invoice issued in [fromDate, toDate], oldest first, one page: the invoices report's export. */
    async invoiceRows({ scope, currency, fromDate, toDate, limit, after = null }: {
      scope: ReportScope; currency?: string; fromDate: string; toDate: string; limit: number; after?: { at: string; id: string } | null;
    }) {
      const rows = await db
        .selectFrom('invoices as i')
        .innerJoin('accounts as acc', 'acc.id', 'i.account_id')
        .where((eb) => invoiceReportWhere(eb, scope))
        .where('i.status', '!=', 'draft')
        .where('i.issue_date', '>=', fromDate)
        .where('i.issue_date', '<=', toDate)
        .$if(Boolean(currency), (q) => q.where('i.currency', '=', currency as string))
        .where(keysetAfter('i.issue_date', 'i.id', after))
        .select(['i.id', 'i.number', 'acc.name as account_name', 'i.status', 'i.currency', 'i.issue_date', 'i.due_date', 'i.total', 'i.amount_paid'])
        .orderBy('i.issue_date')
        .orderBy('i.id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows.map((r) => ({
          id: r.id, number: r.number, accountName: r.account_name, status: r.status, currency: r.currency, issueDate: r.issue_date as string,
          dueDate: r.due_date, total: n(r.total), amountPaid: n(r.amount_paid),
        })),
        limit,
        (r) => r.issueDate,
      );
    },
  };
}

export interface CaseFilter {
  productId?: string;
  type?: 'technical' | 'customer_service';
  severity?: 'p1' | 'p2' | 'p3' | 'p4';
}

function caseFilterWhere(eb: CaseEb, f: CaseFilter) {
  const parts = [];
  if (f.productId) parts.push(eb('c.product_id', '=', f.productId));
  if (f.type) parts.push(eb('c.type', '=', f.type));
  if (f.severity) parts.push(eb('c.severity', '=', f.severity));
  return eb.and(parts);
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
