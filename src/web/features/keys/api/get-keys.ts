import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { filtersToQuery, type KeyListFilters } from '../key-filters';
import { type Key, keysRoot } from './types';

export type KeysPage = { data: Key[]; nextCursor: string | null };

export const KEYS_PAGE_SIZE = 25;

export function getKeys({
  filters,
  cursor,
  signal,
}: {
  filters: KeyListFilters;
  cursor: string | null;
  signal?: AbortSignal;
}) {
  return apiRequest<KeysPage>('/api/v1/keys', {
    query: { ...filtersToQuery(filters), limit: KEYS_PAGE_SIZE, cursor },
    signal,
  });
}

export function keysQueryOptions(accountId: string, filters: KeyListFilters) {
  return infiniteQueryOptions({
    queryKey: [...keysRoot(accountId), 'list', filtersToQuery(filters)],
    queryFn: ({ pageParam, signal }) => getKeys({ filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous results on screen while new filters load, so the list does not flicker. */
export function useKeys(accountId: string, filters: KeyListFilters) {
  return useInfiniteQuery({ ...keysQueryOptions(accountId, filters), placeholderData: keepPreviousData });
}
