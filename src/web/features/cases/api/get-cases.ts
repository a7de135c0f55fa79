import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type CaseListFilters, filtersToQuery } from '../case-filters';
import { type CaseSummary, type CaseView, casesRoot } from './types';

/** `view` is the one the server showed: the one asked for, or the one chosen last. */
export type CasesPage = { data: CaseSummary[]; view: CaseView; nextCursor: string | null };

export const CASES_PAGE_SIZE = 25;

export function getCases({ filters, cursor, signal }: { filters: CaseListFilters; cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<CasesPage>('/api/v1/cases', {
    query: { ...filtersToQuery(filters), limit: CASES_PAGE_SIZE, cursor },
    signal,
  });
}

export function casesQueryOptions(accountId: string, filters: CaseListFilters) {
  return infiniteQueryOptions({
    queryKey: [...casesRoot(accountId), 'list', filtersToQuery(filters)],
    queryFn: ({ pageParam, signal }) => getCases({ filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous results on screen while new filters load, so the list does not flicker. */
export function useCases(accountId: string, filters: CaseListFilters) {
  return useInfiniteQuery({ ...casesQueryOptions(accountId, filters), placeholderData: keepPreviousData });
}
