import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type KeyGroup, keysRoot } from './types';

export async function getKeyGroups({ signal }: { signal?: AbortSignal } = {}): Promise<KeyGroup[]> {
  const { data } = await apiRequest<{ data: KeyGroup[] }>('/api/v1/key-groups', { signal });
  return data;
}

/** Admins get every key group of the account, key managers the groups they manage. */
export function keyGroupsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...keysRoot(accountId), 'groups'], queryFn: getKeyGroups });
}

export function useKeyGroups(accountId: string) {
  return useQuery(keyGroupsQueryOptions(accountId));
}
