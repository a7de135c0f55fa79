import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export type EmailChange = { newEmail: string; currentPassword: string };

/** Sends the confirmation link to the new address; the sign-in address changes only once it is opened. */
export async function requestEmailChange(change: EmailChange) {
  await apiRequest<{ data: { pending: true } }>('/api/v1/me/email', { method: 'POST', body: change });
}

/** /me then reports the address waiting for confirmation (`pendingEmail`). */
export function useRequestEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestEmailChange,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
