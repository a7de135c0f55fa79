import type { Db } from '../../app/db.js';
import { errors } from '../../app/errors.js';
import { keyAbilities } from '../keys/keys.policy.js';
import { licenseKeyFor } from '../keys/keys.presenter.js';
import { currencyDigits } from '../invoices/money.js';
import type { ReportActor, ReportScope } from './reports.policy.js';
import type { CaseFilter, KeyFilter, Page, Range, ReportsRepository } from './reports.repository.js';
import { endOfDay, shiftDate, startOfDay } from './report-sql.js';
import { REPORT_FILTERS, type ReportFilters, type ReportId, type ReportResult } from './reports.schemas.js';

export type Locale = 'de' | 'en';
type Cell = string | number | boolean | null;
type Point = { label: string; values: Record<string, number> };

/** How many rows the JSON table shows before it says "truncated"; the export holds them all. */
export const TABLE_LIMIT = 200;
/** Rows per page when an export streams through a report's detail rows. */
export const EXPORT_PAGE = 1000;

export const DEFAULT_WITHIN = 90;
export const DEFAULT_STALE_DAYS = 30;

/** The filters as the report runs them: only the report's own, with its defaults filled in. */
export interface ResolvedFilters {
  values: Record<string, string | number>;
  today: string;
  now: string;
  range: Range | null;
  fromDate: string | null;
  toDate: string | null;
}

/** The Monday of the week of an ISO date. */
function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return shiftDate(isoDate, -((day + 6) % 7));
}

/**
 * Checks and completes a report's filters. A filter the report does not take is refused (400),
 * so a bookmarked URL never claims a narrowing that did not happen; dates default to the report's
 * usual span (twelve weeks of activations and cases, twelve months of invoices).
 */
export function resolveFilters(reportId: ReportId, filters: ReportFilters, now = new Date()): ResolvedFilters {
  const allowed = REPORT_FILTERS[reportId];
  const given = Object.entries(filters).filter(([, v]) => v !== undefined) as [keyof ReportFilters, string | number][];
  const foreign = given.filter(([k]) => !allowed.includes(k));
  if (foreign.length) {
    throw errors.validation({ errors: foreign.map(([k]) => ({ path: `querystring.${k}`, message: `The ${reportId} report takes no ${k} filter`, code: 'report.filter_not_supported' })) });
  }
  const today = now.toISOString().slice(0, 10);
  const values: Record<string, string | number> = Object.fromEntries(given);
  let fromDate = filters.from ?? null;
  let toDate = filters.to ?? null;
  if (reportId === 'activations' || reportId === 'cases') {
    toDate ??= today;
    fromDate ??= shiftDate(mondayOf(toDate), -7 * 11);
  } else if (reportId === 'invoices') {
    toDate ??= today;
    fromDate ??= `${shiftDate(`${toDate.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  }
  if (fromDate && toDate && fromDate > toDate) {
    throw errors.validation({ errors: [{ path: 'querystring.from', message: 'from is after to', code: 'report.range_reversed' }] });
  }
  if (fromDate && toDate && Date.parse(toDate) - Date.parse(fromDate) > 3 * 366 * 86_400_000) {
    throw errors.validation({ errors: [{ path: 'querystring.from', message: 'A report spans at most three years', code: 'report.range_too_long' }] });
  }
  if (fromDate) values.from = fromDate;
  if (toDate) values.to = toDate;
  if (reportId === 'maintenance') values.within ??= DEFAULT_WITHIN;
  if (reportId === 'activations') values.staleDays ??= DEFAULT_STALE_DAYS;
  const range = fromDate && toDate ? { from: startOfDay(fromDate), before: endOfDay(toDate) } : null;
  return { values, today, now: now.toISOString(), range, fromDate, toDate };
}

const keyFilterOf = (f: ResolvedFilters): KeyFilter => ({
  productId: f.values.product as string | undefined,
  keyGroupId: f.values.keyGroup as string | undefined,
  status: f.values.status as KeyFilter['status'],
});

const caseFilterOf = (f: ResolvedFilters): CaseFilter => ({
  productId: f.values.product as string | undefined,
  type: f.values.type as CaseFilter['type'],
  severity: f.values.severity as CaseFilter['severity'],
});

/** Every Monday from the range's first week to its last: weeks without events still show, as zero. */
function weeksOf(fromDate: string, toDate: string): string[] {
  const weeks: string[] = [];
  for (let w = mondayOf(fromDate); w <= toDate; w = shiftDate(w, 7)) weeks.push(w);
  return weeks;
}

function monthsOf(fromDate: string, toDate: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(fromDate.slice(0, 4)), Number(fromDate.slice(5, 7))];
  const last = toDate.slice(0, 7);
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    if (label > last) break;
    months.push(label);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** A key as its reader may see it (the key list's rule); staff (no customer actor) see keys whole. */
const keyText = (ra: ReportActor | null, k: { accountId: string; keyGroupId: string | null; assignedUserId: string | null; licenseKey: string }) =>
  ra ? licenseKeyFor(ra, k) : k.licenseKey;

const daysLeft = (endIso: string, nowIso: string) => Math.ceil((Date.parse(endIso) - Date.parse(nowIso)) / 86_400_000);
const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);

export const MAINTENANCE_BUCKETS = [
  { key: 'd0_30', days: 30 },
  { key: 'd31_60', days: 60 },
  { key: 'd61_90', days: 90 },
  { key: 'd91_180', days: 180 },
] as const;

export const AGEING_BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;

/**
 * Runs one report for the scope: everything counted in SQL (groups and sums, never the objects
 * pulled into memory), then shaped for the chart, the table and the totals.
 * `ra` is the customer (for the maintenance report's "request renewal" ability); staff pass null.
 */
export async function runReport({ repo, reportId, scope, filters, ra }: {
  repo: ReportsRepository; reportId: ReportId; scope: ReportScope; filters: ResolvedFilters; ra: ReportActor | null;
}): Promise<ReportResult> {
  const base = { id: reportId, filters: filters.values, generatedAt: filters.now, lists: {} };
  switch (reportId) {
    case 'key-inventory': {
      const groups = await repo.keyInventory({ scope, filter: { ...keyFilterOf(filters), ...createdRange(filters) } });
      const byProduct = new Map<string, Point>();
      const byStatus = new Map<string, Point>();
      const byGroup = new Map<string, Point>();
      const byAssignment = new Map<string, Point>();
      const add = (m: Map<string, Point>, label: string, values: Record<string, number>) => {
        const p = m.get(label) ?? { label, values: Object.fromEntries(Object.keys(values).map((k) => [k, 0])) };
        for (const [k, v] of Object.entries(values)) p.values[k] = (p.values[k] ?? 0) + v;
        m.set(label, p);
      };
      for (const g of groups) {
        add(byProduct, g.product, { keys: g.keys, seatsUsed: g.seatsUsed, seatsFree: Math.max(0, g.seats - g.seatsUsed) });
        add(byStatus, g.status, { keys: g.keys });
        add(byGroup, g.keyGroup ?? '', { keys: g.keys, seats: g.seats, seatsUsed: g.seatsUsed });
        add(byAssignment, g.assigned ? 'assigned' : 'unassigned', { keys: g.keys });
      }
      const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((s, g) => s + f(g), 0);
      return {
        ...base,
        chart: { kind: 'bar', keys: ['seatsUsed', 'seatsFree'], points: [...byProduct.values()] },
        breakdowns: { byStatus: [...byStatus.values()], byKeyGroup: [...byGroup.values()], byAssignment: [...byAssignment.values()] },
        table: {
          columns: ['product', 'edition', 'keyGroup', 'status', 'assigned', 'keys', 'seats', 'seatsUsed'],
          rows: groups.slice(0, TABLE_LIMIT).map((g) => ({ ...g })),
        },
        totals: {
          keys: sum((g) => g.keys),
          seats: sum((g) => g.seats),
          seatsUsed: sum((g) => g.seatsUsed),
          seatsFree: sum((g) => Math.max(0, g.seats - g.seatsUsed)),
          assigned: sum((g) => (g.assigned ? g.keys : 0)),
          unassigned: sum((g) => (g.assigned ? 0 : g.keys)),
        },
        truncated: groups.length > TABLE_LIMIT,
      };
    }

    case 'maintenance': {
      const within = Number(filters.values.within);
      const buckets = MAINTENANCE_BUCKETS.filter((b) => b.days <= within);
      const until = new Date(Date.parse(filters.now) + within * 86_400_000).toISOString();
      const bounds = buckets.map((b) => ({ key: b.key, until: new Date(Date.parse(filters.now) + b.days * 86_400_000).toISOString() }));
      const filter = keyFilterOf(filters);
      const [counts, page] = await Promise.all([
        repo.maintenanceBuckets({ scope, filter, now: filters.now, bounds }),
        repo.maintenanceKeys({ scope, filter, now: filters.now, until, limit: TABLE_LIMIT }),
      ]);
      const points = buckets.map((b) => {
        const c = counts.find((x) => x.bucket === b.key);
        return { label: b.key, values: { keys: c?.keys ?? 0, seats: c?.seats ?? 0 } };
      });
      return {
        ...base,
        chart: { kind: 'bar', keys: ['keys'], points },
        breakdowns: {},
        table: {
          columns: ['licenseKey', 'product', 'edition', 'keyGroup', 'assignedTo', 'seats', 'maintenanceEnd', 'daysLeft', ...(scope.kind === 'staff' ? ['account'] : [])],
          rows: page.rows.map((k) => ({
            keyId: k.id,
            licenseKey: keyText(ra, k),
            product: k.product,
            edition: k.edition,
            keyGroup: k.keyGroup,
            assignedTo: k.assignedName ?? k.assignedEmail,
            seats: k.seats,
            maintenanceEnd: k.maintenanceEnd,
            daysLeft: daysLeft(k.maintenanceEnd, filters.now),
            ...(scope.kind === 'staff' ? { account: k.accountName } : {}),
            // The same rule the key page shows its "Verlängerung anfragen" button by.
            requestRenewal: ra ? keyAbilities(ra, { accountId: k.accountId, keyGroupId: k.keyGroupId, assignedUserId: k.assignedUserId, status: k.status }).requestRenewal : false,
          })),
        },
        totals: { keys: points.reduce((s, p) => s + (p.values.keys ?? 0), 0), seats: points.reduce((s, p) => s + (p.values.seats ?? 0), 0) },
        truncated: page.next !== null,
      };
    }

    case 'activations': {
      const range = filters.range as Range;
      const staleDays = Number(filters.values.staleDays);
      const staleBefore = new Date(Date.parse(filters.now) - staleDays * 86_400_000).toISOString();
      const filter = keyFilterOf(filters);
      const [weeks, versions, stale] = await Promise.all([
        repo.activationWeeks({ scope, filter, range }),
        repo.versionsInUse({ scope, filter, staleBefore }),
        repo.staleMachines({ scope, filter, staleBefore, limit: TABLE_LIMIT }),
      ]);
      const points = weeksOf(filters.fromDate as string, filters.toDate as string).map((w) => ({
        label: w,
        values: { activated: weeks.activated.find((x) => x.week === w)?.n ?? 0, deactivated: weeks.deactivated.find((x) => x.week === w)?.n ?? 0 },
      }));
      return {
        ...base,
        chart: { kind: 'line', keys: ['activated', 'deactivated'], points },
        breakdowns: { versions: versions.map((v) => ({ label: v.version ?? '', values: { machines: v.machines, stale: v.stale } })) },
        table: { columns: ['week', 'activated', 'deactivated'], rows: points.map((p) => ({ week: p.label, ...p.values })) },
        lists: {
          staleMachines: {
            columns: ['hostname', 'licenseKey', 'product', 'version', 'os', 'lastSeenAt'],
            rows: stale.map((m) => ({ id: m.id, hostname: m.hostname, licenseKey: keyText(ra, m), product: m.product, version: m.version, os: m.os, lastSeenAt: m.lastSeenAt })),
          },
        },
        totals: {
          activated: points.reduce((s, p) => s + (p.values.activated ?? 0), 0),
          deactivated: points.reduce((s, p) => s + (p.values.deactivated ?? 0), 0),
          liveMachines: versions.reduce((s, v) => s + v.machines, 0),
          staleMachines: versions.reduce((s, v) => s + v.stale, 0),
        },
        truncated: false,
      };
    }

    case 'cases': {
      const range = filters.range as Range;
      const filter = caseFilterOf(filters);
      const [weeks, backlog, medians] = await Promise.all([
        repo.caseWeeks({ scope, filter, range }),
        repo.caseBacklog({ scope, filter }),
        repo.caseMedians({ scope, filter, range }),
      ]);
      const sumWeek = (list: { week: string; n: number }[], w: string) => list.filter((x) => x.week === w).reduce((s, x) => s + x.n, 0);
      const points = weeksOf(filters.fromDate as string, filters.toDate as string).map((w) => ({
        label: w,
        values: { opened: sumWeek(weeks.opened, w), solved: sumWeek(weeks.solved, w) },
      }));
      const combos = new Map<string, { week: string; type: string; severity: string; opened: number; solved: number }>();
      for (const [list, field] of [[weeks.opened, 'opened'], [weeks.solved, 'solved']] as const) {
        for (const r of list) {
          const key = `${r.week}|${r.type}|${r.severity}`;
          const row = combos.get(key) ?? { week: r.week, type: r.type, severity: r.severity, opened: 0, solved: 0 };
          row[field] += r.n;
          combos.set(key, row);
        }
      }
      const rows = [...combos.values()].sort((a, b) => a.week.localeCompare(b.week) || a.type.localeCompare(b.type) || a.severity.localeCompare(b.severity));
      const byType = (['technical', 'customer_service'] as const).map((type) => ({
        label: type,
        values: { opened: weeks.opened.filter((x) => x.type === type).reduce((s, x) => s + x.n, 0), solved: weeks.solved.filter((x) => x.type === type).reduce((s, x) => s + x.n, 0) },
      }));
      const bySeverity = (['p1', 'p2', 'p3', 'p4'] as const).map((severity) => ({
        label: severity,
        values: {
          opened: weeks.opened.filter((x) => x.severity === severity).reduce((s, x) => s + x.n, 0),
          solved: weeks.solved.filter((x) => x.severity === severity).reduce((s, x) => s + x.n, 0),
          open: backlog.find((b) => b.severity === severity)?.n ?? 0,
        },
      }));
      return {
        ...base,
        chart: { kind: 'bar', keys: ['opened', 'solved'], points },
        breakdowns: { byType, bySeverity },
        table: { columns: ['week', 'type', 'severity', 'opened', 'solved'], rows: rows.slice(0, TABLE_LIMIT) },
        totals: {
          opened: points.reduce((s, p) => s + (p.values.opened ?? 0), 0),
          solved: points.reduce((s, p) => s + (p.values.solved ?? 0), 0),
          backlog: backlog.reduce((s, b) => s + b.n, 0),
          medianFirstResponseHours: hours(medians.firstResponseSeconds),
          medianSolutionHours: hours(medians.solutionSeconds),
        },
        truncated: rows.length > TABLE_LIMIT,
      };
    }

    case 'invoices': {
      const currency = filters.values.currency as string | undefined;
      const fromDate = filters.fromDate as string;
      const toDate = filters.toDate as string;
      const today = filters.today;
      const [billed, paid, ageing] = await Promise.all([
        repo.billedPerMonth({ scope, currency, fromDate, toDate }),
        repo.paidPerMonth({ scope, currency, range: filters.range as Range }),
        repo.ageing({ scope, currency, today, bounds: { d30: shiftDate(today, -30), d60: shiftDate(today, -60), d90: shiftDate(today, -90) } }),
      ]);
      const currencies = [...new Set([...billed, ...paid, ...ageing].map((r) => r.currency))].sort();
      const points = monthsOf(fromDate, toDate).map((m) => {
        const values: Record<string, number> = {};
        for (const c of currencies) {
          values[`billed:${c}`] = billed.find((b) => b.month === m && b.currency === c)?.billed ?? 0;
          values[`paid:${c}`] = paid.find((p) => p.month === m && p.currency === c)?.paid ?? 0;
        }
        return { label: m, values };
      });
      const perCurrency = (f: (c: string) => number) => Object.fromEntries(currencies.map((c) => [c, f(c)]));
      const rows = points.flatMap((p) =>
        currencies.map((c) => ({ month: p.label, currency: c, billed: p.values[`billed:${c}`] ?? 0, paid: p.values[`paid:${c}`] ?? 0 })),
      ).filter((r) => r.billed !== 0 || r.paid !== 0);
      return {
        ...base,
        chart: { kind: 'bar', keys: currencies.flatMap((c) => [`billed:${c}`, `paid:${c}`]), points },
        breakdowns: {
          ageing: AGEING_BUCKETS.map((b) => ({ label: b, values: perCurrency((c) => ageing.find((a) => a.bucket === b && a.currency === c)?.open ?? 0) })),
        },
        table: { columns: ['month', 'currency', 'billed', 'paid'], rows: rows.slice(0, TABLE_LIMIT) },
        totals: {
          billed: perCurrency((c) => billed.filter((b) => b.currency === c).reduce((s, b) => s + b.billed, 0)),
          paid: perCurrency((c) => paid.filter((p) => p.currency === c).reduce((s, p) => s + p.paid, 0)),
          openBalance: perCurrency((c) => ageing.filter((a) => a.currency === c).reduce((s, a) => s + a.open, 0)),
          overdue: perCurrency((c) => ageing.filter((a) => a.currency === c && a.bucket !== 'not_due').reduce((s, a) => s + a.open, 0)),
        },
        truncated: rows.length > TABLE_LIMIT,
      };
    }
  }
}

function createdRange(f: ResolvedFilters): Pick<KeyFilter, 'createdFrom' | 'createdBefore'> {
  return { ...(f.fromDate ? { createdFrom: startOfDay(f.fromDate) } : {}), ...(f.toDate ? { createdBefore: endOfDay(f.toDate) } : {}) };
}

/** Minor units as a decimal number of the currency's major unit (12345 EUR → 123.45), for spreadsheets. */
export const major = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

/** One export column: its heading in both languages and whether it holds a number, a date or text. */
interface ExportColumn {
  de: string;
  en: string;
  kind?: 'number' | 'money' | 'date';
}

export interface ReportExport {
  columns: { label: string; kind: 'text' | 'number' | 'money' | 'date' }[];
  rows: AsyncIterable<Cell[]>;
}

const EXPORT_COLUMNS: Record<ReportId, ExportColumn[]> = {
  'key-inventory': [
    { de: 'Konto', en: 'Account' }, { de: 'Product Key', en: 'Product key' }, { de: 'Produkt', en: 'Product' }, { de: 'Edition', en: 'Edition' },
    { de: 'Schlüsselgruppe', en: 'Key group' }, { de: 'Status', en: 'Status' }, { de: 'Zugewiesen an', en: 'Assigned to' }, { de: 'E-Mail', en: 'Email' },
    { de: 'Plätze', en: 'Seats', kind: 'number' }, { de: 'Belegte Plätze', en: 'Seats used', kind: 'number' }, { de: 'Wartungsende', en: 'Maintenance end', kind: 'date' },
    { de: 'Zuletzt verwendete Version', en: 'Last used version' }, { de: 'Zuletzt gesehen', en: 'Last seen', kind: 'date' }, { de: 'Angelegt', en: 'Created', kind: 'date' },
  ],
  maintenance: [
    { de: 'Konto', en: 'Account' }, { de: 'Product Key', en: 'Product key' }, { de: 'Produkt', en: 'Product' }, { de: 'Edition', en: 'Edition' },
    { de: 'Schlüsselgruppe', en: 'Key group' }, { de: 'Zugewiesen an', en: 'Assigned to' }, { de: 'Plätze', en: 'Seats', kind: 'number' },
    { de: 'Wartungsende', en: 'Maintenance end', kind: 'date' }, { de: 'Tage bis Ablauf', en: 'Days left', kind: 'number' },
  ],
  activations: [
    { de: 'Konto', en: 'Account' }, { de: 'Product Key', en: 'Product key' }, { de: 'Produkt', en: 'Product' }, { de: 'Rechner', en: 'Machine' },
    { de: 'Betriebssystem', en: 'Operating system' }, { de: 'Version', en: 'Version' }, { de: 'Art', en: 'Method' }, { de: 'Status', en: 'Status' },
    { de: 'Aktiviert', en: 'Activated', kind: 'date' }, { de: 'Zuletzt gesehen', en: 'Last seen', kind: 'date' }, { de: 'Deaktiviert', en: 'Deactivated', kind: 'date' },
  ],
  cases: [
    { de: 'Konto', en: 'Account' }, { de: 'Fallnummer', en: 'Case number' }, { de: 'Betreff', en: 'Subject' }, { de: 'Art', en: 'Type' },
    { de: 'Schweregrad', en: 'Severity' }, { de: 'Status', en: 'Status' }, { de: 'Produkt', en: 'Product' }, { de: 'Eröffnet', en: 'Opened', kind: 'date' },
    { de: 'Erste Antwort', en: 'First response', kind: 'date' }, { de: 'Gelöst', en: 'Solved', kind: 'date' },
    { de: 'Stunden bis zur ersten Antwort', en: 'Hours to first response', kind: 'number' }, { de: 'Stunden bis zur Lösung', en: 'Hours to solution', kind: 'number' },
  ],
  invoices: [
    { de: 'Konto', en: 'Account' }, { de: 'Rechnungsnummer', en: 'Invoice number' }, { de: 'Status', en: 'Status' }, { de: 'Rechnungsdatum', en: 'Issue date', kind: 'date' },
    { de: 'Fällig am', en: 'Due date', kind: 'date' }, { de: 'Währung', en: 'Currency' }, { de: 'Betrag', en: 'Total', kind: 'money' },
    { de: 'Bezahlt', en: 'Paid', kind: 'money' }, { de: 'Offen', en: 'Open', kind: 'money' },
  ],
};

/** Walks a report's detail rows page by page (keyset), so an export never holds more than one page. */
async function* paged<T extends { id: string }>(fetch: (after: { at: string; id: string } | null) => Promise<Page<T>>, row: (r: T) => Cell[]) {
  let after: { at: string; id: string } | null = null;
  do {
    const page: Page<T> = await fetch(after);
    for (const r of page.rows) yield row(r);
    after = page.next;
  } while (after);
}

const secondsFrom = (a: string, b: string | null) => (b === null ? null : Math.round(((Date.parse(b) - Date.parse(a)) / 3_600_000) * 10) / 10);

/**
 * A report's detail rows for CSV and XLSX: one row per key, activation, case or invoice behind the
 * report's numbers, in the same scope and filters, streamed page by page.
 */
export function exportReport({ repo, reportId, scope, filters, locale, ra }: {
  repo: ReportsRepository; reportId: ReportId; scope: ReportScope; filters: ResolvedFilters; locale: Locale; ra: ReportActor | null;
}): ReportExport {
  const columns = EXPORT_COLUMNS[reportId].map((c) => ({ label: c[locale], kind: c.kind ?? ('text' as const) }));
  const limit = EXPORT_PAGE;
  const rows = (() => {
    switch (reportId) {
      case 'key-inventory': {
        const filter = { ...keyFilterOf(filters), ...createdRange(filters) };
        return paged((after) => repo.inventoryKeys({ scope, filter, limit, after }), (k) => [
          k.accountName, keyText(ra, k), k.product, k.edition, k.keyGroup, k.status, k.assignedName, k.assignedEmail, k.seats, k.seatsUsed, k.maintenanceEnd,
          k.lastUsedVersion, k.lastSeenAt, k.createdAt,
        ]);
      }
      case 'maintenance': {
        const until = new Date(Date.parse(filters.now) + Number(filters.values.within) * 86_400_000).toISOString();
        return paged((after) => repo.maintenanceKeys({ scope, filter: keyFilterOf(filters), now: filters.now, until, limit, after }), (k) => [
          k.accountName, keyText(ra, k), k.product, k.edition, k.keyGroup, k.assignedName ?? k.assignedEmail, k.seats, k.maintenanceEnd, daysLeft(k.maintenanceEnd, filters.now),
        ]);
      }
      case 'activations':
        return paged((after) => repo.activationRows({ scope, filter: keyFilterOf(filters), range: filters.range as Range, limit, after }), (a) => [
          a.accountName, keyText(ra, a), a.product, a.hostname, a.os, a.version, a.method, a.status, a.activatedAt, a.lastSeenAt, a.deactivatedAt,
        ]);
      case 'cases':
        return paged((after) => repo.caseRows({ scope, filter: caseFilterOf(filters), range: filters.range as Range, limit, after }), (c) => [
          c.accountName, c.number, c.subject, c.type, c.severity, c.status, c.product, c.openedAt, c.firstRespondedAt, c.solvedAt,
          secondsFrom(c.openedAt, c.firstRespondedAt), secondsFrom(c.openedAt, c.solvedAt),
        ]);
      case 'invoices':
        return paged(
          (after) => repo.invoiceRows({ scope, currency: filters.values.currency as string | undefined, fromDate: filters.fromDate as string, toDate: filters.toDate as string, limit, after }),
          (i) => [i.accountName, i.number, i.status, i.issueDate, i.dueDate, i.currency, major(i.total, i.currency), major(i.amountPaid, i.currency), major(i.total - i.amountPaid, i.currency)],
        );
    }
  })();
  return { columns, rows };
}

/** The file name of an export: `wartung-2026-11-28.xlsx`, `maintenance-2026-11-28.csv`. */
export function exportFileName(reportId: ReportId, locale: Locale, format: 'csv' | 'xlsx', today: string): string {
  const names: Record<ReportId, Record<Locale, string>> = {
    'key-inventory': { de: 'schluesselbestand', en: 'key-inventory' },
    maintenance: { de: 'wartung', en: 'maintenance' },
    activations: { de: 'aktivierungen', en: 'activations' },
    cases: { de: 'faelle', en: 'cases' },
    invoices: { de: 'rechnungen', en: 'invoices' },
  };
  return `${names[reportId][locale]}-${today}.${format}`;
}

/** The language a user reads exports and mails in: their own choice, else their account's. */
export async function userLocale(db: Db, userId: string, accountId: string | null): Promise<Locale> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('accounts as a', (j) => j.on('a.id', '=', accountId ?? ''))
    .select(['u.locale', 'a.locale as account_locale'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return (row?.locale ?? row?.account_locale) === 'en' ? 'en' : 'de';
}
