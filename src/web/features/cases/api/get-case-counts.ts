import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type CaseView, casesRoot } from './types';

export type CaseCounts = { data: Record<CaseView, number>; lastView: CaseView };

export function getCaseCounts({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest<CaseCounts>('/api/v1/cases/counts', { signal });
}

export function caseCountsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...casesRoot(accountId), 'counts'], queryFn: getCaseCounts });
}

/** How many cases each of the five views holds (scope only, no filters). */
export function useCaseCounts(accountId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...caseCountsQueryOptions(accountId), enabled });
}
