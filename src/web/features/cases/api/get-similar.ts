import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type CaseStatus, type CaseType, casesRoot } from './types';

export type SimilarCase = { id: string; number: string; subject: string; status: CaseStatus; type: CaseType; createdAt: string };

/** The server looks for words of three letters or more. */
export const SIMILAR_MIN_LENGTH = 3;

export async function getSimilarCases({ q, signal }: { q: string; signal?: AbortSignal }): Promise<SimilarCase[]> {
  const { data } = await apiRequest<{ data: SimilarCase[] }>('/api/v1/cases/similar', { query: { q }, signal });
  return data;
}

export function similarCasesQueryOptions(accountId: string, q: string) {
  return queryOptions({
    queryKey: [...casesRoot(accountId), 'similar', q],
    queryFn: ({ signal }) => getSimilarCases({ q, signal }),
    staleTime: 30_000,
  });
}

/** Cases like the subject typed so far (already debounced by the caller), to avoid duplicates. */
export function useSimilarCases(accountId: string, q: string) {
  return useQuery({
    ...similarCasesQueryOptions(accountId, q),
    enabled: q.length >= SIMILAR_MIN_LENGTH,
    placeholderData: keepPreviousData,
  });
}
