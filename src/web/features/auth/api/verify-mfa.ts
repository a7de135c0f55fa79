import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Me, meQueryKey } from '../../../lib/me';
import '../../../lib/query-meta';

/** The second sign-in step: a code from the authenticator app or a recovery code. */
export async function verifyMfa({ code }: { code: string }): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>('/api/v1/auth/mfa', { method: 'POST', body: { code } });
  return data;
}

export function useVerifyMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyMfa,
    // A wrong code answers 401; the form explains it.
    meta: { redirectOnUnauthorized: false },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
