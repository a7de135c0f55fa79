import type { InvoiceTab } from '../../../server/modules/invoices/invoices.schemas';

/** What the Rechnungen list shows; lives in the page's address so a view can be bookmarked and shared. */
export type InvoiceListFilters = { tab: InvoiceTab; q: string; from: string | null; to: string | null };

/** The three tabs in the order they are shown (the server's INVOICE_TABS; a type-only import keeps zod out of the bundle). */
export const INVOICE_TABS = ['upcoming', 'unpaid', 'older'] as const satisfies readonly InvoiceTab[];
export const DEFAULT_TAB: InvoiceTab = 'unpaid';

// The server refuses longer searches; a hand-edited address must not turn the list into an error.
const Q_MAX = 40;

/** A calendar day `YYYY-MM-DD` that exists; anything else is dropped. */
export function dayParam(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** Reads the list's state from the address; unknown or oversized values fall back to the defaults. */
export function filtersFromSearch(params: URLSearchParams): InvoiceListFilters {
  const tab = params.get('tab');
  return {
    tab: (INVOICE_TABS as readonly string[]).includes(tab ?? '') ? (tab as InvoiceTab) : DEFAULT_TAB,
    q: (params.get('q') ?? '').trim().slice(0, Q_MAX),
    from: dayParam(params.get('from')),
    to: dayParam(params.get('to')),
  };
}

/** The state as query values in a fixed order, the default tab and empty values left out. */
export function filtersToQuery(filters: InvoiceListFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.tab !== DEFAULT_TAB) query.tab = filters.tab;
  if (filters.q) query.q = filters.q;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

/** Whether search or range narrow the list (the tab does not). */
export function hasFilters(filters: InvoiceListFilters): boolean {
  return Boolean(filters.q || filters.from || filters.to);
}
