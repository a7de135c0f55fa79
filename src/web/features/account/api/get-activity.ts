import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

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

export function getActivity({ cursor, signal }: { cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<ActivityPage>('/api/v1/account/activity', {
    query: { limit: ACTIVITY_PAGE_SIZE, cursor },
    signal,
  });
}

/** Keyed by account so a switch never shows the previous account's events, even for a moment. */
export function activityQueryOptions(accountId: string) {
  return infiniteQueryOptions({
    queryKey: ['account', accountId, 'activity'],
    queryFn: ({ pageParam, signal }) => getActivity({ cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useActivity(accountId: string) {
  return useInfiniteQuery(activityQueryOptions(accountId));
}
