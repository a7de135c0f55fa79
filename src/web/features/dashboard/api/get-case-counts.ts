import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type CaseCounts = { data: { recent: number; active_support: number; my_open: number; all_open: number; all: number } };

export function getCaseCounts({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest<CaseCounts>('/api/v1/cases/counts', { signal });
}

/** The same cache entry as the Fälle area's counts, so both show one number. */
export function caseCountsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: ['cases', accountId, 'counts'], queryFn: getCaseCounts });
}

export function useCaseCounts(accountId: string) {
  return useQuery(caseCountsQueryOptions(accountId));
}
