import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Key, keysRoot } from './types';

export async function getKey({ keyId, signal }: { keyId: string; signal?: AbortSignal }): Promise<Key> {
  const { data } = await apiRequest<{ data: Key }>(`/api/v1/keys/${encodeURIComponent(keyId)}`, { signal });
  return data;
}

export function keyQueryOptions(accountId: string, keyId: string) {
  return queryOptions({
    queryKey: [...keysRoot(accountId), 'key', keyId],
    queryFn: ({ signal }) => getKey({ keyId, signal }),
  });
}

export function useKey(accountId: string, keyId: string) {
  return useQuery(keyQueryOptions(accountId, keyId));
}
