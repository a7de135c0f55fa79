import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/me';

export type MfaStatus = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
export type TotpSetup = { secret: string; otpauthUrl: string; qrSvg: string };
export type Session = {
  id: string;
  current: boolean;
  accountName: string | null;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
};

const root = ['me', 'security'] as const;

export const mfaQueryOptions = () =>
  queryOptions({
    queryKey: [...root, 'mfa'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: MfaStatus }>('/api/v1/me/mfa', { signal })).data,
  });

export const sessionsQueryOptions = () =>
  queryOptions({
    queryKey: [...root, 'sessions'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: Session[] }>('/api/v1/me/sessions', { signal })).data,
  });

export const useMfa = () => useQuery(mfaQueryOptions());
export const useSessions = (enabled: boolean) => useQuery({ ...sessionsQueryOptions(), enabled });

/** After any change here the user's `me` (MFA flags) and this page's data are refreshed. */
function useSecurityMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>, refreshMe = true) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: root });
      if (refreshMe) await queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true });
    },
  });
}

export const useStartTotp = () =>
  useMutation({
    mutationFn: async () => (await apiRequest<{ data: TotpSetup }>('/api/v1/me/mfa/totp', { method: 'POST' })).data,
  });

/**
 * Nothing is refreshed here: the MFA status flipping to "on" would unmount the set-up form before
 * the caller receives the recovery codes. The page refreshes once the codes have been saved.
 */
export const useConfirmTotp = () =>
  useMutation({
    mutationFn: async ({ code }: { code: string }) =>
      (await apiRequest<{ data: { recoveryCodes: string[] } }>('/api/v1/me/mfa/totp/confirm', { method: 'POST', body: { code } }))
        .data,
  });

export const useRegenerateCodes = () =>
  useSecurityMutation(
    async ({ password }: { password: string }) =>
      (await apiRequest<{ data: { recoveryCodes: string[] } }>('/api/v1/me/mfa/recovery-codes', { method: 'POST', body: { password } }))
        .data,
  );

export const useDisableMfa = () =>
  useSecurityMutation(({ password }: { password: string }) =>
    apiRequest<void>('/api/v1/me/mfa', { method: 'DELETE', body: { password } }),
  );

export const useChangePassword = () =>
  useSecurityMutation(
    (body: { currentPassword: string; newPassword: string }) =>
      apiRequest<void>('/api/v1/me/password', { method: 'POST', body }),
    false,
  );

export const useEndSession = () =>
  useSecurityMutation(
    ({ id }: { id: string }) => apiRequest<void>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    false,
  );

export const useEndOtherSessions = () =>
  useSecurityMutation(() => apiRequest<void>('/api/v1/me/sessions', { method: 'DELETE' }), false);

export type AccountSecurity = { requireMfa: boolean };

export const accountSecurityQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: ['account', accountId, 'security'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: AccountSecurity }>('/api/v1/account', { signal })).data,
  });

export const useAccountSecurity = (accountId: string, enabled: boolean) =>
  useQuery({ ...accountSecurityQueryOptions(accountId), enabled });

export function useSetRequireMfa(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountSecurity) => apiRequest<unknown>('/api/v1/account/security', { method: 'PUT', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['account', accountId, 'security'] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true });
    },
  });
}

export const API_TOKEN_SCOPES = ['cases:read', 'cases:write', 'keys:read', 'keys:write', 'invoices:read', 'downloads:read', 'reports:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
export const API_TOKEN_LIFETIMES = [7, 30, 90, 365] as const;
export type ApiToken = {
  id: string;
  name: string;
  hint: string;
  scopes: ApiTokenScope[];
  user: { id: string; name: string; email: string };
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
};

/** Your own tokens, or (`everyone`, account admins) every user's in the account. */
export const apiTokensQueryOptions = (everyone: boolean) =>
  queryOptions({
    queryKey: [...root, 'api-tokens', everyone ? 'account' : 'mine'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: ApiToken[] }>(everyone ? '/api/v1/account/api-tokens' : '/api/v1/me/api-tokens', { signal })).data,
  });

export const useApiTokens = (everyone: boolean) => useQuery(apiTokensQueryOptions(everyone));

/** The answer holds the secret, which the server never shows again. */
export const useCreateApiToken = () =>
  useSecurityMutation(
    async (input: { name: string; scopes: ApiTokenScope[]; lifetimeDays: (typeof API_TOKEN_LIFETIMES)[number] }) =>
      apiRequest<{ data: ApiToken; secret: string }>('/api/v1/me/api-tokens', { method: 'POST', body: input }),
    false,
  );

export const useRevokeApiToken = () =>
  useSecurityMutation(async ({ id }: { id: string }) => apiRequest<void>(`/api/v1/me/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }), false);
