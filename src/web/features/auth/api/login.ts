import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type Me, meQueryKey } from '../../../lib/me';
import '../../../lib/query-meta';

export type Credentials = { email: string; password: string };

export async function login(credentials: Credentials): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>('/api/v1/auth/login', { method: 'POST', body: credentials });
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // 401 here means wrong credentials, which the form explains; it is no expired session.
    meta: { redirectOnUnauthorized: false },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
