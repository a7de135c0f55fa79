import { z } from 'zod';
import { CASE_SEVERITIES, CASE_TYPES } from '../cases/cases.schemas.js';

export const REPORT_IDS = ['key-inventory', 'maintenance', 'activations', 'cases', 'invoices'] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const MAINTENANCE_WINDOWS = [30, 60, 90, 180] as const;
export const KEY_STATUSES = ['active', 'suspended', 'revoked'] as const;

const id = z.string().min(1).max(100);

/**
 * Every filter any report takes; each report reads the ones that fit it (see REPORT_FILTERS) and
 * ignores none silently: a filter a report does not take is refused (400), so a bookmarked URL
 * never claims a narrowing that did not happen.
 */
export const reportFilters = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  product: id.optional(),
  /** A key group id, or "none" for keys in no group. */
  keyGroup: id.optional(),
  status: z.enum(KEY_STATUSES).optional(),
  /** Maintenance: ends within this many days. */
  within: z.coerce
    .number()
    .int()
    .refine((n) => (MAINTENANCE_WINDOWS as readonly number[]).includes(n), { message: `One of ${MAINTENANCE_WINDOWS.join(', ')}` })
    .optional(),
  /** Activations: a machine not seen for this many days counts as stale. */
  staleDays: z.coerce.number().int().min(1).max(3650).optional(),
  type: z.enum(CASE_TYPES).optional(),
  severity: z.enum(CASE_SEVERITIES).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;
export type ReportFilterName = keyof ReportFilters;

export const REPORT_FILTERS: Record<ReportId, readonly ReportFilterName[]> = {
  'key-inventory': ['from', 'to', 'product', 'keyGroup', 'status'],
  maintenance: ['product', 'keyGroup', 'within'],
  activations: ['from', 'to', 'product', 'keyGroup', 'staleDays'],
  cases: ['from', 'to', 'product', 'type', 'severity'],
  invoices: ['from', 'to', 'currency'],
};

export const reportQuery = reportFilters.extend({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  /** The language of an export's column headings (the web app sends its own; default: the user's). */
  lang: z.enum(['de', 'en']).optional(),
});

export const reportParams = z.object({ reportId: z.enum(REPORT_IDS) });

/** One point of a chart series: a label (week, month, product …) and named numeric values. */
const point = z.object({ label: z.string(), values: z.record(z.string(), z.number()) });

export const reportResultSchema = z.object({
  id: z.enum(REPORT_IDS),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The chart: kind and points; `keys` names the values each point carries, in order. */
  chart: z.object({ kind: z.enum(['bar', 'line', 'donut']), keys: z.array(z.string()), points: z.array(point) }),
  /** Further charts or breakdowns the report shows beside the main one. */
  breakdowns: z.record(z.string(), z.array(point)),
  /** The table: column names and rows of plain values (the chart's text alternative and more). */
  table: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))) }),
  totals: z.record(z.string(), z.union([z.number(), z.null(), z.record(z.string(), z.number())])),
  /** Named lists of objects the report points at (the activations report: machines not seen for N days). */
  lists: z.record(z.string(), z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))) })),
  /** True when the table shows only the first rows; the export holds them all. */
  truncated: z.boolean(),
  generatedAt: z.string(),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

export const reportInfoSchema = z.object({ id: z.enum(REPORT_IDS), filters: z.array(z.string()) });

export const SUBSCRIPTION_FREQUENCIES = ['weekly', 'monthly'] as const;
export const SUBSCRIPTION_FORMATS = ['xlsx', 'csv'] as const;

export const newSubscriptionSchema = z.strictObject({
  reportId: z.enum(REPORT_IDS),
  filters: reportFilters.default({}),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  format: z.enum(SUBSCRIPTION_FORMATS).default('xlsx'),
});

export const subscriptionSchema = z.object({
  id: z.string(),
  reportId: z.enum(REPORT_IDS),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  format: z.enum(SUBSCRIPTION_FORMATS),
  status: z.enum(['active', 'paused']),
  pausedReason: z.string().nullable(),
  nextRunAt: z.string(),
  lastSentAt: z.string().nullable(),
  createdAt: z.string(),
});
