import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { MaintenanceStatus } from './staff-cases';

/** A key of the case's account, as the staff key list returns it (only what the case page shows). */
export type AccountKey = {
  id: string;
  licenseKey: string;
  product: string;
  edition: string | null;
  maintenanceEnd: string | null;
  maintenanceStatus: MaintenanceStatus;
  status: 'active' | 'suspended' | 'revoked';
};

export function accountKeysQueryOptions(accountId: string) {
  return infiniteQueryOptions({
    queryKey: ['staff', 'cases', 'account-keys', accountId],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ data: AccountKey[]; nextCursor: string | null }>('/api/v1/staff/keys', { query: { accountId, limit: 10, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
  });
}

export function useAccountKeys(accountId: string, enabled: boolean) {
  return useInfiniteQuery({ ...accountKeysQueryOptions(accountId), enabled });
}
