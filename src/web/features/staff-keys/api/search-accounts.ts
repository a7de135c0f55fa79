import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type AccountChoice = { id: string; number: string; name: string };

/** Customer accounts whose name or number matches `q` (the first 20), for the account pickers. */
export function accountChoicesQueryOptions(q: string) {
  return queryOptions({
    queryKey: ['staff', 'account-choices', q],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: AccountChoice[] }>('/api/v1/staff/accounts', { query: { q, limit: 20 }, signal })).data.map(({ id, number, name }) => ({ id, number, name })),
    staleTime: 30_000,
  });
}

export function useAccountChoices(q: string, enabled: boolean) {
  return useQuery({ ...accountChoicesQueryOptions(q), enabled, placeholderData: keepPreviousData });
}
