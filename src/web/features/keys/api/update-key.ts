import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Assignee, type Key, keysRoot } from './types';

export type KeyUpdate = { assignedTo?: Assignee; keyGroupId?: string | null };

/**
 * Assigns, unassigns or moves one key. `version` is the one the user saw: the server answers 412
 * (`request.precondition_failed`) when someone changed the key in the meantime.
 */
export async function updateKey({ keyId, version, update }: { keyId: string; version: number; update: KeyUpdate }) {
  const { data } = await apiRequest<{ data: Key }>(`/api/v1/keys/${encodeURIComponent(keyId)}`, {
    method: 'PATCH',
    headers: { 'If-Match': `"${version}"` },
    body: update,
  });
  return data;
}

/** Every list, count and the key itself may change with an assignment: the whole feature is refreshed. */
export function useUpdateKey(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateKey,
    onSuccess: async (key) => {
      queryClient.setQueryData([...keysRoot(accountId), 'key', key.id], key);
      await queryClient.invalidateQueries({ queryKey: keysRoot(accountId) });
    },
  });
}
