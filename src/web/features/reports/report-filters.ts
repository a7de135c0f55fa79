/**
 * A report's filters as they live in the page's address, so a report can be bookmarked and sent to
 * a colleague with the same rights. The server checks every value again and says which filters
 * each report takes (`GET /api/v1/reports`); unknown or malformed values in a hand-edited address
 * are dropped here rather than turned into an error page.
 */
export const REPORT_IDS = ['key-inventory', 'maintenance', 'activations', 'cases', 'invoices'] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const FILTER_NAMES = ['from', 'to', 'product', 'keyGroup', 'status', 'within', 'staleDays', 'type', 'severity', 'currency'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type ReportFilters = Partial<Record<FilterName, string>>;

export const MAINTENANCE_WINDOWS = ['30', '60', '90', '180'] as const;
export const KEY_STATUSES = ['active', 'suspended', 'revoked'] as const;
export const CASE_TYPES = ['technical', 'customer_service'] as const;
export const CASE_SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;

export function isReportId(value: string | undefined | null): value is ReportId {
  return value !== undefined && value !== null && (REPORT_IDS as readonly string[]).includes(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VALID: Record<FilterName, (v: string) => boolean> = {
  from: (v) => DATE.test(v) && !Number.isNaN(Date.parse(v)),
  to: (v) => DATE.test(v) && !Number.isNaN(Date.parse(v)),
  product: (v) => v.length > 0 && v.length <= 100,
  keyGroup: (v) => v.length > 0 && v.length <= 100,
  status: (v) => (KEY_STATUSES as readonly string[]).includes(v),
  within: (v) => (MAINTENANCE_WINDOWS as readonly string[]).includes(v),
  staleDays: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 3650,
  type: (v) => (CASE_TYPES as readonly string[]).includes(v),
  severity: (v) => (CASE_SEVERITIES as readonly string[]).includes(v),
  currency: (v) => /^[A-Z]{3}$/.test(v),
};

/** The filters in the address that the report takes (`allowed`, from the server) and that are well-formed. */
export function filtersFromSearch(params: URLSearchParams, allowed: readonly string[]): ReportFilters {
  const filters: ReportFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value && allowed.includes(name) && VALID[name](value)) filters[name] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to) delete filters.to;
  return filters;
}

/** The filters as query values in a fixed order, empty ones left out: the address and the API query. */
export function filtersToQuery(filters: ReportFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) query[name] = value;
  }
  return query;
}

/** The export's address for the current filters (the download reads it with fetch, for progress). */
export function exportHref(base: string, filters: ReportFilters, format: 'csv' | 'xlsx', lang: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...filtersToQuery(filters), ...extra, format, lang: lang.startsWith('en') ? 'en' : 'de' });
  return `${base}?${params.toString()}`;
}
