import { withQuery } from '../../lib/api-client';

/**
 * What the activity log shows; lives in the page's query string so a view can be bookmarked and
 * shared. `action` is one code (`user.invited`) or a group ending in a dot (`auth.`); `from` and
 * `to` are calendar days (YYYY-MM-DD) in the reader's time zone, both included.
 */
export type ActivityFilters = {
  action: string | null;
  userId: string | null;
  from: string | null;
  to: string | null;
};

export const EMPTY_ACTIVITY_FILTERS: ActivityFilters = { action: null, userId: null, from: null, to: null };

// The server's limits: a hand-edited address must not turn the log into an error.
const ACTION_FORMAT = /^[a-z_]+(\.[a-z_]+)*\.?$/;
const ACTION_MAX = 100;
const ID_MAX = 100;
const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayParts(value: string): [number, number, number] | null {
  const match = DAY_FORMAT.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // 2026-02-31 is not a day: Date would roll it over into March.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return [year, month, day];
}

export function isDay(value: string | null): value is string {
  return value !== null && dayParts(value) !== null;
}

function actionParam(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= ACTION_MAX && ACTION_FORMAT.test(trimmed) ? trimmed : null;
}

function idParam(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= ID_MAX ? trimmed : null;
}

/** Reads the filters from the address; unknown, malformed or oversized values are ignored. */
export function activityFiltersFromSearch(params: URLSearchParams): ActivityFilters {
  const from = params.get('from');
  const to = params.get('to');
  return {
    action: actionParam(params.get('action')),
    userId: idParam(params.get('userId')),
    from: isDay(from) ? from : null,
    to: isDay(to) ? to : null,
  };
}

/** The filters for the address, in a fixed order, empty ones left out. */
export function activityFiltersToSearch(filters: ActivityFilters): Record<string, string> {
  const search: Record<string, string> = {};
  if (filters.action) search.action = filters.action;
  if (filters.userId) search.userId = filters.userId;
  if (filters.from) search.from = filters.from;
  if (filters.to) search.to = filters.to;
  return search;
}

export function hasActivityFilters(filters: ActivityFilters): boolean {
  return Object.keys(activityFiltersToSearch(filters)).length > 0;
}

/** An end day before the start day selects nothing: the page says so instead of asking. */
export function rangeIsInverted(filters: ActivityFilters): boolean {
  return !!filters.from && !!filters.to && filters.to < filters.from;
}

/** Local midnight at the start of `day` plus `addDays`, as an ISO instant. */
function localMidnight(day: string, addDays = 0): string {
  const [year, month, date] = dayParts(day) ?? [1970, 1, 1];
  return new Date(year, month - 1, date + addDays).toISOString();
}

/**
 * The filters as the API takes them. Days become instants at the reader's midnight, so "today"
 * means their today; the API's `to` is exclusive, hence the midnight after the last day.
 */
export function activityApiQuery(filters: ActivityFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.action) query.action = filters.action;
  if (filters.userId) query.userId = filters.userId;
  if (filters.from) query.from = localMidnight(filters.from);
  if (filters.to) query.to = localMidnight(filters.to, 1);
  return query;
}

/** The address of the CSV export of exactly what the list shows (every page of it). */
export function activityCsvHref(filters: ActivityFilters): string {
  return withQuery('/api/v1/account/activity', { format: 'csv', ...activityApiQuery(filters) });
}
