import { withQuery } from '../../lib/api-client';
import {
  CASE_SEVERITIES,
  CASE_SORTS,
  CASE_STATUSES,
  CASE_TYPES,
  CASE_VIEWS,
  type CaseSeverity,
  type CaseSort,
  type CaseStatus,
  type CaseType,
  type CaseView,
} from './api/types';

/**
 * What "Meine Fälle" shows; lives in the page's query string so a view can be bookmarked. `view`
 * null means "the one chosen last": the server remembers it per user.
 */
export type CaseListFilters = {
  view: CaseView | null;
  q: string;
  status: CaseStatus | null;
  type: CaseType | null;
  severity: CaseSeverity | null;
  product: string | null;
  contact: string | null;
  from: string | null;
  to: string | null;
  sort: CaseSort;
};

export const DEFAULT_SORT: CaseSort = 'newest';

export const EMPTY_FILTERS: Omit<CaseListFilters, 'view'> = {
  q: '',
  status: null,
  type: null,
  severity: null,
  product: null,
  contact: null,
  from: null,
  to: null,
  sort: DEFAULT_SORT,
};

// The server refuses longer values; a hand-edited address must not turn the list into an error.
const ID_MAX = 100;
const Q_MAX = 200;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function idParam(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= ID_MAX ? trimmed : null;
}

/** A calendar day `YYYY-MM-DD` that exists; anything else is dropped. */
export function dayParam(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** Reads the filters from the address; unknown or oversized values are ignored. */
export function filtersFromSearch(params: URLSearchParams): CaseListFilters {
  return {
    view: oneOf(CASE_VIEWS, params.get('view')),
    q: (params.get('q') ?? '').trim().slice(0, Q_MAX),
    status: oneOf(CASE_STATUSES, params.get('status')),
    type: oneOf(CASE_TYPES, params.get('type')),
    severity: oneOf(CASE_SEVERITIES, params.get('severity')),
    product: idParam(params.get('product')),
    contact: idParam(params.get('contact')),
    from: dayParam(params.get('from')),
    to: dayParam(params.get('to')),
    sort: oneOf(CASE_SORTS, params.get('sort')) ?? DEFAULT_SORT,
  };
}

/** The filters (without the view) as query values in a fixed order, empty ones and the default sort left out. */
export function filterQuery(filters: CaseListFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.q) query.q = filters.q;
  if (filters.status) query.status = filters.status;
  if (filters.type) query.type = filters.type;
  if (filters.severity) query.severity = filters.severity;
  if (filters.product) query.product = filters.product;
  if (filters.contact) query.contact = filters.contact;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.sort !== DEFAULT_SORT) query.sort = filters.sort;
  return query;
}

/** The whole state for the address: the view first, then the filters. */
export function filtersToQuery(filters: CaseListFilters): Record<string, string> {
  return { ...(filters.view ? { view: filters.view } : {}), ...filterQuery(filters) };
}

/** Whether anything narrows the list (the sort order does not). */
export function hasFilters(filters: CaseListFilters): boolean {
  const { sort: _sort, ...query } = filterQuery(filters);
  return Object.keys(query).length > 0;
}

/** The address of the CSV export of exactly the cases the list shows (all pages). */
export function csvExportHref(filters: CaseListFilters, view: CaseView): string {
  return withQuery('/api/v1/cases', { format: 'csv', view, ...filterQuery(filters) });
}
