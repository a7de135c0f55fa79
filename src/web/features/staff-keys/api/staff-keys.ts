import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type MaintenanceStatus = 'active' | 'expiring' | 'expired' | 'none';

/** A key as the staff list shows it, with the account it belongs to. */
export type StaffKey = {
  id: string;
  accountId: string;
  account: { id: string; number: string; name: string };
  licenseKey: string;
  product: string;
  edition: string | null;
  seats: number;
  seatsUsed: number;
  keyGroup: { id: string; name: string } | null;
  assignedTo: string | null;
  term: 'perpetual' | 'subscription';
  validUntil: string | null;
  maintenanceEnd: string | null;
  maintenanceStatus: MaintenanceStatus;
  status: 'active' | 'suspended' | 'revoked';
  createdAt: string;
};

export type StaffKeysPage = { data: StaffKey[]; nextCursor: string | null };
export type StaffKeyFilters = { accountId: string; q: string };

export type IssueKeysInput = {
  accountId: string;
  productId: string;
  editionId: string | null;
  keyGroupId: string | null;
  count: number;
  seats: number;
  term: 'perpetual' | 'subscription';
  validUntil: string | null;
  maintenanceStart: string | null;
  maintenanceEnd: string | null;
};

const root = ['staff', 'keys'] as const;

export function staffKeysQueryOptions(filters: StaffKeyFilters) {
  return infiniteQueryOptions({
    queryKey: [...root, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<StaffKeysPage>('/api/v1/staff/keys', { query: { accountId: filters.accountId, q: filters.q, limit: 25, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous rows on screen while a new filter loads. */
export function useStaffKeys(filters: StaffKeyFilters, enabled: boolean) {
  return useInfiniteQuery({ ...staffKeysQueryOptions(filters), placeholderData: keepPreviousData, enabled });
}

/** The key groups of one account, to issue keys into. */
export function accountKeyGroupsQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: [...root, 'key-groups', accountId],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: { id: string; name: string }[] }>('/api/v1/staff/key-groups', { query: { accountId }, signal })).data,
  });
}

export function useAccountKeyGroups(accountId: string) {
  return useQuery({ ...accountKeyGroupsQueryOptions(accountId), enabled: accountId !== '' });
}

export async function issueKeys(input: IssueKeysInput): Promise<{ keyIds: string[] }> {
  return (await apiRequest<{ data: { keyIds: string[] } }>('/api/v1/staff/keys', { method: 'POST', body: input })).data;
}

export function useIssueKeys() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: issueKeys, onSuccess: () => queryClient.invalidateQueries({ queryKey: [...root, 'list'] }) });
}

/** Suspends, revokes or reinstates a key (staff with `issue:keys`). */
export async function changeKeyStatus({ keyId, status }: { keyId: string; status: StaffKey['status'] }): Promise<StaffKey> {
  return (await apiRequest<{ data: StaffKey }>(`/api/v1/staff/keys/${encodeURIComponent(keyId)}`, { method: 'PATCH', body: { status } })).data;
}

export function useChangeKeyStatus() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: changeKeyStatus, onSuccess: () => queryClient.invalidateQueries({ queryKey: [...root, 'list'] }) });
}
