import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Activation, keysRoot } from './types';

export async function getActivations({ keyId, signal }: { keyId: string; signal?: AbortSignal }) {
  const { data } = await apiRequest<{ data: Activation[] }>(
    `/api/v1/keys/${encodeURIComponent(keyId)}/activations`,
    { signal },
  );
  return data;
}

/** The registration history (Registrierungsverlauf) of one key, newest first. */
export function activationsQueryOptions(accountId: string, keyId: string) {
  return queryOptions({
    queryKey: [...keysRoot(accountId), 'key', keyId, 'activations'],
    queryFn: ({ signal }) => getActivations({ keyId, signal }),
  });
}

export function useActivations(accountId: string, keyId: string) {
  return useQuery(activationsQueryOptions(accountId, keyId));
}
