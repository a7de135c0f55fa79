import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';
import { type Me, meQueryKey } from '../../../lib/me';
import '../../../lib/query-meta';

export type InvitationInfo = {
  email: string;
  name: string;
  locale: Language | null;
  accountName: string;
  inviterName: string | null;
  expiresAt: string;
};

const tokenPath = (base: string, token: string) => `/api/v1/${base}/${encodeURIComponent(token)}`;

export async function getInvitation({ token, signal }: { token: string; signal?: AbortSignal }) {
  const { data } = await apiRequest<{ data: InvitationInfo }>(tokenPath('invitations', token), { signal });
  return data;
}

export function invitationQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => getInvitation({ token, signal }),
    // 404 and 410 are answers, not hiccups: asking again would only delay the explanation.
    retry: false,
  });
}

export function useInvitation(token: string) {
  return useQuery(invitationQueryOptions(token));
}

export type Acceptance = { token: string; name: string; password: string; locale?: Language };

export async function acceptInvitation({ token, ...body }: Acceptance): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>(tokenPath('invitations', token), { method: 'POST', body });
  return data;
}

/** Accepting signs the person in: the answer is their `me`, which the shell then needs no fetch for. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    meta: { redirectOnUnauthorized: false },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

export async function requestPasswordReset({ email }: { email: string }) {
  await apiRequest<void>('/api/v1/auth/password-reset', { method: 'POST', body: { email } });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset, meta: { redirectOnUnauthorized: false } });
}

export async function resetPassword({ token, password }: { token: string; password: string }) {
  await apiRequest<void>(tokenPath('auth/password-reset', token), { method: 'POST', body: { password } });
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword, meta: { redirectOnUnauthorized: false } });
}

export async function confirmEmailChange({ token }: { token: string }) {
  const { data } = await apiRequest<{ data: { email: string } }>(tokenPath('email-changes', token), { method: 'POST' });
  return data;
}

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEmailChange,
    meta: { redirectOnUnauthorized: false },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
