import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Assignee, keysRoot } from './types';

export type BulkUpdate = { keyIds: string[]; assignedTo?: Assignee; keyGroupId?: string | null };

/** Assigns and/or moves many keys at once; the server changes all of them or none. */
export async function bulkAssign(update: BulkUpdate): Promise<{ updated: number }> {
  const { data } = await apiRequest<{ data: { updated: number } }>('/api/v1/keys/bulk-assign', {
    method: 'POST',
    body: update,
  });
  return data;
}

export function useBulkAssign(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkAssign,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysRoot(accountId) }),
  });
}
