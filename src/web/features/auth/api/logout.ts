import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import '../../../lib/query-meta';

export async function logout(): Promise<void> {
  await apiRequest<void>('/api/v1/auth/logout', { method: 'POST' });
}

/** Signs out and goes to the login page, which drops the cached data of the session. */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    meta: { redirectOnUnauthorized: false },
    onSettled: () => navigate('/login', { replace: true }),
  });
}
