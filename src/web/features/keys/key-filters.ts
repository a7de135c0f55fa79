import { withQuery } from '../../lib/api-client';

/** The quick filters of the key list, as Tableau's portal offers them. */
export const KEY_FILTERS = [
  'unassigned',
  'unregistered',
  'maintenance_active',
  'maintenance_expiring',
  'maintenance_expired',
] as const;
export type KeyFilter = (typeof KEY_FILTERS)[number];

/** `keyGroup` value for keys that belong to no key group. */
export const NO_KEY_GROUP = 'none';

/** What the key list shows; lives in the page's query string so a view can be bookmarked. */
export type KeyListFilters = {
  filter: KeyFilter | null;
  product: string | null;
  keyGroup: string | null;
  q: string;
};

export const EMPTY_FILTERS: KeyListFilters = { filter: null, product: null, keyGroup: null, q: '' };

// The server refuses longer values; a hand-edited address must not turn the list into an error.
const ID_MAX = 100;
const Q_MAX = 200;

function isKeyFilter(value: string | null): value is KeyFilter {
  return value !== null && (KEY_FILTERS as readonly string[]).includes(value);
}

function idParam(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= ID_MAX ? trimmed : null;
}

/** Reads the filters from the address; unknown or oversized values are ignored. */
export function filtersFromSearch(params: URLSearchParams): KeyListFilters {
  const filter = params.get('filter');
  return {
    filter: isKeyFilter(filter) ? filter : null,
    product: idParam(params.get('product')),
    keyGroup: idParam(params.get('keyGroup')),
    q: (params.get('q') ?? '').trim().slice(0, Q_MAX),
  };
}

/** The filters as query values in a fixed order, empty ones left out. */
export function filtersToQuery(filters: KeyListFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.filter) query.filter = filters.filter;
  if (filters.product) query.product = filters.product;
  if (filters.keyGroup) query.keyGroup = filters.keyGroup;
  if (filters.q) query.q = filters.q;
  return query;
}

export function hasFilters(filters: KeyListFilters): boolean {
  return Object.keys(filtersToQuery(filters)).length > 0;
}

/** The address of the CSV export of exactly the keys the list shows (all pages). */
export function csvExportHref(filters: KeyListFilters): string {
  return withQuery('/api/v1/keys', { format: 'csv', ...filtersToQuery(filters) });
}
