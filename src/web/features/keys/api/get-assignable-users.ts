import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

export type AssignableUser = { id: string; name: string; email: string; status: string };

/** Portal users a key can be assigned to. The list is for admins only (`me.abilities.manageUsers`). */
export async function getAssignableUsers({ signal }: { signal?: AbortSignal } = {}): Promise<AssignableUser[]> {
  const { data } = await apiRequest<{ data: AssignableUser[] }>('/api/v1/account/users', {
    query: { limit: 100 },
    signal,
  });
  return data.filter((user) => user.status !== 'disabled');
}

export function assignableUsersQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...keysRoot(accountId), 'assignable-users'], queryFn: getAssignableUsers });
}

export function useAssignableUsers(accountId: string, enabled: boolean) {
  return useQuery({ ...assignableUsersQueryOptions(accountId), enabled });
}
