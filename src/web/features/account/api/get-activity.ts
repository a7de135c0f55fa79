import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type ActivityFilters, activityApiQuery } from '../activity-filters';

export type ActivityEvent = {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
};

export type ActivityPage = { data: ActivityEvent[]; nextCursor: string | null };

export const ACTIVITY_PAGE_SIZE = 25;

export function getActivity({ filters, cursor, signal }: { filters: ActivityFilters; cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<ActivityPage>('/api/v1/account/activity', {
    query: { ...activityApiQuery(filters), limit: ACTIVITY_PAGE_SIZE, cursor },
    signal,
  });
}

/** Keyed by account so a switch never shows the previous account's events, even for a moment. */
export function activityQueryOptions(accountId: string, filters: ActivityFilters) {
  return infiniteQueryOptions({
    queryKey: ['account', accountId, 'activity', filters],
    queryFn: ({ pageParam, signal }) => getActivity({ filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous results on screen while a new filter loads, so the table does not flicker. */
export function useActivity(accountId: string, filters: ActivityFilters, enabled = true) {
  return useInfiniteQuery({ ...activityQueryOptions(accountId, filters), placeholderData: keepPreviousData, enabled });
}
