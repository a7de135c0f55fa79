import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

/** Creating, renaming and deleting key groups (admins; the server answers 403 to anyone else). */
export async function createKeyGroup({ name }: { name: string }) {
  const { data } = await apiRequest<{ data: { id: string; name: string } }>('/api/v1/key-groups', {
    method: 'POST',
    body: { name },
  });
  return data;
}

export async function renameKeyGroup({ keyGroupId, name }: { keyGroupId: string; name: string }): Promise<void> {
  await apiRequest<void>(`/api/v1/key-groups/${encodeURIComponent(keyGroupId)}`, { method: 'PATCH', body: { name } });
}

/** The group's keys stay, without a group. */
export async function deleteKeyGroup({ keyGroupId }: { keyGroupId: string }): Promise<void> {
  await apiRequest<void>(`/api/v1/key-groups/${encodeURIComponent(keyGroupId)}`, { method: 'DELETE' });
}

// Group names appear in the key list, its filters and on every key page: refresh the whole feature.
function useKeysMutation<Variables, Result>(accountId: string, mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysRoot(accountId) }),
  });
}

export const useCreateKeyGroup = (accountId: string) => useKeysMutation(accountId, createKeyGroup);
export const useRenameKeyGroup = (accountId: string) => useKeysMutation(accountId, renameKeyGroup);
export const useDeleteKeyGroup = (accountId: string) => useKeysMutation(accountId, deleteKeyGroup);
