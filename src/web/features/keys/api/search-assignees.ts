import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

/** An active portal user of the account a key can be assigned to. */
export type AssigneeCandidate = { id: string; name: string; email: string };

/** Active portal users whose name or email contains `q` (the server answers at most 20). */
export async function searchAssignees(q: string, { signal }: { signal?: AbortSignal } = {}): Promise<AssigneeCandidate[]> {
  const { data } = await apiRequest<{ data: AssigneeCandidate[] }>('/api/v1/keys/assignees', { query: { q }, signal });
  return data;
}

export function assigneesQueryOptions(accountId: string, q: string) {
  return queryOptions({
    queryKey: [...keysRoot(accountId), 'assignees', q],
    queryFn: ({ signal }) => searchAssignees(q, { signal }),
    staleTime: 30_000,
  });
}

/** Keeps the last answer on screen while the next search runs, so the options do not flicker. */
export function useAssignees(accountId: string, q: string, enabled: boolean) {
  return useQuery({ ...assigneesQueryOptions(accountId, q), enabled, placeholderData: keepPreviousData });
}
