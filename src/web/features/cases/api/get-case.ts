import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Case, casesRoot, type TimelineEntry } from './types';

/** How often an open case page asks for news (support replies, status changes). */
export const CASE_POLL_MS = 10_000;

export async function getCase({ caseId, signal }: { caseId: string; signal?: AbortSignal }): Promise<Case> {
  const { data } = await apiRequest<{ data: Case }>(`/api/v1/cases/${encodeURIComponent(caseId)}`, { signal });
  return data;
}

export const caseQueryKey = (accountId: string, caseId: string) => [...casesRoot(accountId), 'case', caseId] as const;

export function caseQueryOptions(accountId: string, caseId: string) {
  return queryOptions({ queryKey: caseQueryKey(accountId, caseId), queryFn: ({ signal }) => getCase({ caseId, signal }) });
}

/** The case, refreshed every few seconds and when the window regains focus. */
export function useCase(accountId: string, caseId: string) {
  return useQuery({ ...caseQueryOptions(accountId, caseId), refetchInterval: CASE_POLL_MS, refetchOnWindowFocus: true });
}

export async function getTimeline({ caseId, signal }: { caseId: string; signal?: AbortSignal }): Promise<TimelineEntry[]> {
  const { data } = await apiRequest<{ data: TimelineEntry[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/comments`, { signal });
  return data;
}

export const timelineQueryKey = (accountId: string, caseId: string) => [...casesRoot(accountId), 'timeline', caseId] as const;

/** Public comments and events, oldest first; new support replies arrive without a reload. */
export function useTimeline(accountId: string, caseId: string) {
  return useQuery({
    queryKey: timelineQueryKey(accountId, caseId),
    queryFn: ({ signal }) => getTimeline({ caseId, signal }),
    refetchInterval: CASE_POLL_MS,
    refetchOnWindowFocus: true,
  });
}
