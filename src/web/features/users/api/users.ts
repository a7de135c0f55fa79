import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';
import type { CustomerRole } from '../../../lib/me';

export type UserStatus = 'invited' | 'active' | 'disabled';
export const USER_ROLES: CustomerRole[] = ['admin', 'key_manager', 'member'];
export const USER_STATUSES: UserStatus[] = ['invited', 'active', 'disabled'];

export type AccountUser = {
  id: string;
  email: string;
  name: string;
  role: CustomerRole;
  caseAdmin: boolean;
  billing: boolean;
  downloads: boolean;
  keyGroups: { id: string; name: string }[];
  status: UserStatus;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  abilities: { edit: boolean; deactivate: boolean; reactivate: boolean; remove: boolean; resendInvitation: boolean };
};

export type UserFilters = { q: string; role: CustomerRole | null; status: UserStatus | null };
export type UsersPage = { data: AccountUser[]; nextCursor: string | null };

const usersRoot = (accountId: string) => ['account', accountId, 'users'] as const;
const USERS_PAGE_SIZE = 25;

export function getUsers({ filters, cursor, signal }: { filters: UserFilters; cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<UsersPage>('/api/v1/account/users', {
    query: { q: filters.q, role: filters.role, status: filters.status, limit: USERS_PAGE_SIZE, cursor },
    signal,
  });
}

/** Keyed by account and filters: a switch of account never shows the previous account's users. */
export function usersQueryOptions(accountId: string, filters: UserFilters) {
  return infiniteQueryOptions({
    queryKey: [...usersRoot(accountId), 'list', filters],
    queryFn: ({ pageParam, signal }) => getUsers({ filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useUsers(accountId: string, filters: UserFilters) {
  return useInfiniteQuery({ ...usersQueryOptions(accountId, filters), placeholderData: (previous) => previous });
}

export type AccountKeyGroup = { id: string; name: string };

export async function getAccountKeyGroups({ signal }: { signal?: AbortSignal } = {}) {
  const { data } = await apiRequest<{ data: AccountKeyGroup[] }>('/api/v1/account/key-groups', { signal });
  return data;
}

export function accountKeyGroupsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...usersRoot(accountId), 'key-groups'], queryFn: getAccountKeyGroups });
}

export function useAccountKeyGroups(accountId: string, enabled: boolean) {
  return useQuery({ ...accountKeyGroupsQueryOptions(accountId), enabled });
}

export type Permissions = {
  role: CustomerRole;
  caseAdmin: boolean;
  billing: boolean;
  downloads: boolean;
  keyGroupIds: string[];
};

export type Invitation = Permissions & { email: string; name: string; locale: Language };

export async function inviteUser(invitation: Invitation) {
  const { data } = await apiRequest<{ data: AccountUser }>('/api/v1/account/users', { method: 'POST', body: invitation });
  return data;
}

export type UserUpdate = Partial<Permissions> & { status?: 'active' | 'disabled' };

/** `version` is the one shown in the row: a change by someone else meanwhile answers 412. */
export async function updateUser({ user, update }: { user: AccountUser; update: UserUpdate }) {
  const { data } = await apiRequest<{ data: AccountUser }>(`/api/v1/account/users/${encodeURIComponent(user.id)}`, {
    method: 'PATCH',
    headers: { 'If-Match': `"${user.version}"` },
    body: update,
  });
  return data;
}

export async function removeUser({ user }: { user: AccountUser }) {
  await apiRequest<void>(`/api/v1/account/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' });
}

export async function resendInvitation({ user }: { user: AccountUser }) {
  await apiRequest<void>(`/api/v1/account/users/${encodeURIComponent(user.id)}/resend-invitation`, { method: 'POST' });
}

/** Every change may move a user between filtered lists: all of the account's user lists refresh. */
function useUsersMutation<Input, Output>(accountId: string, mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: usersRoot(accountId) });
    },
  });
}

export const useInviteUser = (accountId: string) => useUsersMutation(accountId, inviteUser);
export const useUpdateUser = (accountId: string) => useUsersMutation(accountId, updateUser);
export const useRemoveUser = (accountId: string) => useUsersMutation(accountId, removeUser);
export const useResendInvitation = (accountId: string) => useUsersMutation(accountId, resendInvitation);
