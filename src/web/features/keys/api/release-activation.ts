import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

/**
 * Frees the seat of an activation. Limited per key by a cooldown and a monthly number: the server
 * answers 429 `activation.release_cooldown` (with Retry-After) or `activation.release_limit`.
 */
export async function releaseActivation({ keyId, activationId }: { keyId: string; activationId: string }) {
  const { data } = await apiRequest<{ data: { releasesLeftThisMonth: number } }>(
    `/api/v1/keys/${encodeURIComponent(keyId)}/activations/${encodeURIComponent(activationId)}/release`,
    { method: 'POST' },
  );
  return data;
}

export function useReleaseActivation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: releaseActivation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysRoot(accountId) }),
  });
}
