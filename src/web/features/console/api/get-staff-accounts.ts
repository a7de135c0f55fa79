import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type StaffAccount = {
  id: string;
  number: string;
  name: string;
  status: string;
  memberCount: number;
  createdAt: string;
};

export type StaffAccountsPage = { data: StaffAccount[]; nextCursor: string | null };

export const STAFF_ACCOUNTS_PAGE_SIZE = 25;

export function getStaffAccounts({ q, cursor, signal }: { q: string; cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<StaffAccountsPage>('/api/v1/staff/accounts', {
    query: { q, limit: STAFF_ACCOUNTS_PAGE_SIZE, cursor },
    signal,
  });
}

export function staffAccountsQueryOptions(q: string) {
  return infiniteQueryOptions({
    queryKey: ['staff', 'accounts', { q }],
    queryFn: ({ pageParam, signal }) => getStaffAccounts({ q, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous results on screen while a new search runs, so the table does not flicker. */
export function useStaffAccounts(q: string) {
  return useInfiniteQuery({ ...staffAccountsQueryOptions(q), placeholderData: keepPreviousData });
}
