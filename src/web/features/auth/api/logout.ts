import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import { forgetSessionData } from '../../../lib/query-meta';

export async function logout(): Promise<void> {
  await apiRequest<void>('/api/v1/auth/logout', { method: 'POST' });
}

/**
 * Signs out, then leaves for the login page before the cache is emptied, so no signed-in page
 * is left mounted to refetch (and hit 401) on the way out.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    meta: { redirectOnUnauthorized: false },
    onSettled: async () => {
      await navigate('/login', { replace: true });
      forgetSessionData(queryClient);
    },
  });
}
