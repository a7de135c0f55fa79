import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type AccountPerson = { id: string; name: string; email: string };

const PAGE_SIZE = 100;
/** Customer accounts have tens of users, rarely hundreds; the choice list stops at this many. */
export const PEOPLE_MAX = 1000;

/**
 * The account's users for the activity log's person filter, sorted by name as the API lists them,
 * all pages up to PEOPLE_MAX. `complete` is false when there were more.
 */
export async function getAccountPeople({ signal }: { signal?: AbortSignal } = {}) {
  const people: AccountPerson[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: AccountPerson[]; nextCursor: string | null } = await apiRequest('/api/v1/account/users', {
      query: { limit: PAGE_SIZE, cursor },
      signal,
    });
    people.push(...page.data.map(({ id, name, email }) => ({ id, name, email })));
    cursor = page.nextCursor;
  } while (cursor && people.length < PEOPLE_MAX);
  return { people, complete: cursor === null };
}

export function accountPeopleQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: ['account', accountId, 'activity-people'],
    queryFn: ({ signal }) => getAccountPeople({ signal }),
    staleTime: 60_000,
  });
}

export function useAccountPeople(accountId: string, enabled: boolean) {
  return useQuery({ ...accountPeopleQueryOptions(accountId), enabled });
}
