/** Values the staff case list understands; the server's schema says the same. */
export const CASE_TYPES = ['technical', 'customer_service'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed'] as const;
export const CASE_SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export const OPEN_STATUSES = ['new', 'in_progress', 'waiting_on_customer'] as const;

export type CaseType = (typeof CASE_TYPES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];
export type Assigned = 'any' | 'none' | 'me';
export type CaseSort = 'newest' | 'due';
/** `open`: the three open statuses (the default queue), `all`: no status filter, else one status. */
export type StatusFilter = 'open' | 'all' | CaseStatus;

/** What the queue shows; lives in the page's query string so a queue can be bookmarked and shared. */
export type CaseListFilters = {
  queue: CaseType | null;
  status: StatusFilter;
  assigned: Assigned;
  overdue: boolean;
  q: string;
  sort: CaseSort;
  /** One customer account's cases only (from a case page's "other cases of this account"). */
  account: string | null;
};

export const DEFAULT_FILTERS: CaseListFilters = { queue: null, status: 'open', assigned: 'any', overdue: false, q: '', sort: 'newest', account: null };

// The server refuses longer search terms; a hand-edited address must not turn the list into an error.
const Q_MAX = 200;
const ID_MAX = 100;

const oneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);

function idParam(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= ID_MAX ? trimmed : null;
}

/** Reads the filters from the address; unknown values fall back to the defaults. */
export function filtersFromSearch(params: URLSearchParams): CaseListFilters {
  const queue = params.get('queue');
  const status = params.get('status');
  const assigned = params.get('assigned');
  const sort = params.get('sort');
  return {
    queue: oneOf(CASE_TYPES, queue) ? queue : null,
    status: oneOf<StatusFilter>(['open', 'all', ...CASE_STATUSES], status) ? status : 'open',
    assigned: oneOf<Assigned>(['any', 'none', 'me'], assigned) ? assigned : 'any',
    overdue: params.get('overdue') === 'true',
    q: (params.get('q') ?? '').trim().slice(0, Q_MAX),
    sort: oneOf<CaseSort>(['newest', 'due'], sort) ? sort : 'newest',
    account: idParam(params.get('account')),
  };
}

/** The filters as query values for the address, defaults left out. */
export function filtersToSearch(filters: CaseListFilters): Record<string, string> {
  const search: Record<string, string> = {};
  if (filters.queue) search.queue = filters.queue;
  if (filters.status !== DEFAULT_FILTERS.status) search.status = filters.status;
  if (filters.assigned !== DEFAULT_FILTERS.assigned) search.assigned = filters.assigned;
  if (filters.overdue) search.overdue = 'true';
  if (filters.q) search.q = filters.q;
  if (filters.sort !== DEFAULT_FILTERS.sort) search.sort = filters.sort;
  if (filters.account) search.account = filters.account;
  return search;
}

/** The filters as the API's query (`GET /api/v1/staff/cases`). */
export function filtersToApiQuery(filters: CaseListFilters): Record<string, string | undefined> {
  return {
    queue: filters.queue ?? undefined,
    status: filters.status === 'all' ? undefined : filters.status === 'open' ? OPEN_STATUSES.join(',') : filters.status,
    assigned: filters.assigned,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q || undefined,
    sort: filters.sort,
    account: filters.account ?? undefined,
  };
}

export function hasFilters(filters: CaseListFilters): boolean {
  return Object.keys(filtersToSearch(filters)).length > 0;
}
