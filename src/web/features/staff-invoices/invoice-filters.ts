/** Values the console's invoice list understands; the server's schema says the same. */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatusFilter = 'all' | 'overdue' | (typeof INVOICE_STATUSES)[number];

/** What the list shows; lives in the page's query string so a view can be bookmarked and shared. */
export type InvoiceListFilters = {
  status: InvoiceStatusFilter;
  /** Part of an invoice number, e.g. `2026-0001`. */
  q: string;
  /** One customer account's invoices only. */
  account: string | null;
};

export const DEFAULT_FILTERS: InvoiceListFilters = { status: 'all', q: '', account: null };

// The server refuses longer terms; a hand-edited address must not turn the list into an error.
const Q_MAX = 40;
const ID_MAX = 100;

const STATUS_FILTERS: readonly string[] = ['all', 'overdue', ...INVOICE_STATUSES];

/** Reads the filters from the address; unknown values fall back to the defaults. */
export function filtersFromSearch(params: URLSearchParams): InvoiceListFilters {
  const status = params.get('status') ?? '';
  const account = params.get('account')?.trim() ?? '';
  return {
    status: STATUS_FILTERS.includes(status) ? (status as InvoiceStatusFilter) : 'all',
    q: (params.get('q') ?? '').trim().slice(0, Q_MAX),
    account: account && account.length <= ID_MAX ? account : null,
  };
}

/** The filters as query values for the address, defaults left out. */
export function filtersToSearch(filters: InvoiceListFilters): Record<string, string> {
  const search: Record<string, string> = {};
  if (filters.status !== 'all') search.status = filters.status;
  if (filters.q) search.q = filters.q;
  if (filters.account) search.account = filters.account;
  return search;
}

/** The filters as the API's query (`GET /api/v1/staff/invoices`). */
export function filtersToApiQuery(filters: InvoiceListFilters): Record<string, string | undefined> {
  return {
    status: filters.status === 'all' ? undefined : filters.status === 'overdue' ? 'open,uncollectible' : filters.status,
    overdue: filters.status === 'overdue' ? 'true' : undefined,
    q: filters.q || undefined,
    accountId: filters.account ?? undefined,
  };
}

export function hasFilters(filters: InvoiceListFilters): boolean {
  return Object.keys(filtersToSearch(filters)).length > 0;
}
