import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { filtersToQuery, type ReportFilters, type ReportId } from '../report-filters';

export type ReportInfo = { id: ReportId; filters: string[] };
export type ChartPoint = { label: string; values: Record<string, number> };
export type Cell = string | number | boolean | null;

/** One report as the server computed it: chart, breakdowns, table and totals (see reports.schemas.ts). */
export type ReportResult = {
  id: ReportId;
  filters: Record<string, string | number>;
  chart: { kind: 'bar' | 'line' | 'donut'; keys: string[]; points: ChartPoint[] };
  breakdowns: Record<string, ChartPoint[]>;
  table: { columns: string[]; rows: Record<string, Cell>[] };
  totals: Record<string, number | null | Record<string, number>>;
  /** Objects the report points at, e.g. the machines not seen for N days. */
  lists: Record<string, { columns: string[]; rows: Record<string, Cell>[] }>;
  truncated: boolean;
  generatedAt: string;
};

export type Subscription = {
  id: string;
  reportId: ReportId;
  filters: Record<string, string | number>;
  frequency: 'weekly' | 'monthly';
  format: 'xlsx' | 'csv';
  status: 'active' | 'paused';
  pausedReason: 'not_permitted' | 'membership_ended' | 'user_inactive' | 'account_suspended' | null;
  nextRunAt: string;
  lastSentAt: string | null;
  createdAt: string;
};

/** Where a report is read: the customer's own API, or the console's (across accounts, `accountId` optional). */
export type ReportSource = { kind: 'customer'; accountId: string } | { kind: 'staff'; accountId: string | null };

export const reportBase = (source: ReportSource, reportId: ReportId) =>
  source.kind === 'customer' ? `/api/v1/reports/${reportId}` : `/api/v1/staff/reports/${reportId}`;

export const reportsRoot = (source: ReportSource) => ['reports', source.kind, source.accountId ?? 'all'] as const;

export function reportListQueryOptions(source: ReportSource) {
  return queryOptions({
    queryKey: [...reportsRoot(source), 'list'],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: ReportInfo[] }>(source.kind === 'customer' ? '/api/v1/reports' : '/api/v1/staff/reports', { signal })).data,
    staleTime: 60_000,
  });
}

export const useReportList = (source: ReportSource) => useQuery(reportListQueryOptions(source));

export function reportQueryOptions(source: ReportSource, reportId: ReportId, filters: ReportFilters) {
  const query = { ...filtersToQuery(filters), ...(source.kind === 'staff' && source.accountId ? { accountId: source.accountId } : {}) };
  return queryOptions({
    queryKey: [...reportsRoot(source), 'report', reportId, query],
    queryFn: async ({ signal }) => (await apiRequest<{ data: ReportResult }>(reportBase(source, reportId), { query, signal })).data,
  });
}

/** Keeps the previous numbers on screen while new filters load, so chart and table do not flicker. */
export function useReport(source: ReportSource, reportId: ReportId, filters: ReportFilters, enabled = true) {
  return useQuery({ ...reportQueryOptions(source, reportId, filters), enabled, placeholderData: keepPreviousData });
}

export type Facets = { products: { id: string; name: string }[]; keyGroups: { id: string; name: string }[] };

/** The products and key groups of the keys the user sees: the choices of the product and key group filters. */
export function useReportFacets(accountId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'customer', accountId, 'facets'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: Facets }>('/api/v1/keys/facets', { signal })).data,
    enabled,
    staleTime: 60_000,
  });
}

const subscriptionsKey = (accountId: string) => ['reports', 'customer', accountId, 'subscriptions'] as const;

export function useSubscriptions(accountId: string) {
  return useQuery({
    queryKey: subscriptionsKey(accountId),
    queryFn: async ({ signal }) => (await apiRequest<{ data: Subscription[] }>('/api/v1/report-subscriptions', { signal })).data,
  });
}

export function useSubscribe(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { reportId: ReportId; filters: Record<string, string | number>; frequency: 'weekly' | 'monthly'; format: 'xlsx' | 'csv' }) =>
      (await apiRequest<{ data: Subscription }>('/api/v1/report-subscriptions', { method: 'POST', body: input })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: subscriptionsKey(accountId) }),
  });
}

export function useUnsubscribe(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (subscriptionId: string) => apiRequest<void>(`/api/v1/report-subscriptions/${encodeURIComponent(subscriptionId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: subscriptionsKey(accountId) }),
  });
}

