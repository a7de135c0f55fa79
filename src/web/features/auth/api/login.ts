import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Me, meQueryKey } from '../../../lib/me';
import '../../../lib/query-meta';

export type Credentials = { email: string; password: string };

/** Signed in, or half-way: the password was right and a second factor is still due. */
export type LoginResult = { me: Me } | { mfaRequired: true };

export async function login(credentials: Credentials): Promise<LoginResult> {
  const body = await apiRequest<{ data: Me | null; mfaRequired?: boolean }>('/api/v1/auth/login', {
    method: 'POST',
    body: credentials,
  });
  if (body.mfaRequired || !body.data) return { mfaRequired: true };
  return { me: body.data };
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // 401 here means wrong credentials, which the form explains; it is no expired session.
    meta: { redirectOnUnauthorized: false },
    onSuccess: (result) => {
      if ('me' in result) queryClient.setQueryData(meQueryKey, result.me);
    },
  });
}
