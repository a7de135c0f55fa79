import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import type { Language } from './language';

export type CustomerRole = 'admin' | 'key_manager' | 'member';
export type StaffRole = 'agent' | 'billing' | 'release' | 'admin';

export type Me = {
  user: {
    id: string;
    email: string;
    name: string;
    locale: Language | null;
    kind: 'customer' | 'staff';
    staffRole: StaffRole | null;
  };
  account: { id: string; number: string; name: string } | null;
  membership: { role: CustomerRole; caseAdmin: boolean; billing: boolean; downloads: boolean } | null;
  memberships: { accountId: string; accountNumber: string; accountName: string; role: CustomerRole }[];
  /** Areas of the portal this user may open, in navigation order; the UI never derives them. */
  areas: string[];
  abilities: {
    manageUsers: boolean;
    manageAccountSecurity: boolean;
    manageStaff: boolean;
    switchAccount: boolean;
    viewActivity: boolean;
    viewConsole: boolean;
    viewStaffAccounts: boolean;
    viewOutbox: boolean;
    createAccounts: boolean;
    manageProducts: boolean;
    issueKeys: boolean;
    createCases: boolean;
    workCases: boolean;
    /** Staff: the console's Rechnungen. */
    manageInvoices: boolean;
    runStaffReports: boolean;
    /** Kontodaten: admins and users with the billing flag. */
    manageBilling: boolean;
  };
  session: { expiresAt: string; idleExpiresAt: string };
  /** `enrollmentRequired`: every other API call answers 403 until the user has set up MFA. */
  mfa: { enabled: boolean; enrollmentRequired: boolean; demanded: boolean };
  /** An email change waiting for the link sent to the new address; `user.email` still signs in. */
  pendingEmail: { email: string; expiresAt: string } | null;
  notificationPrefs: NotificationPrefs;
};

export type NotificationPrefs = {
  caseUpdates: boolean;
  caseStatus: boolean;
  invoiceReminders: boolean;
  releaseNotes: boolean;
  securityAlerts: boolean;
};

export const meQueryKey = ['me'] as const;

export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>('/api/v1/me', { signal });
  return data;
}

export function meQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });
}

/** The signed-in user. Only for components below the signed-in layout, which loads it first. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions()).data;
}

/** `notificationPrefs` changes only the kinds it names. */
export type MeUpdate = { name?: string; locale?: Language; notificationPrefs?: Partial<NotificationPrefs> };

export async function updateMe(update: MeUpdate): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>('/api/v1/me', { method: 'PATCH', body: update });
  return data;
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

export async function switchAccount({ accountId }: { accountId: string }): Promise<Me> {
  const { data } = await apiRequest<{ data: Me }>('/api/v1/me/account', { method: 'POST', body: { accountId } });
  return data;
}

/**
 * Switches the account in use. Everything cached belongs to the previous account, so all other
 * queries are reset (lists start again at their first page) and refetched where shown.
 */
export function useSwitchAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchAccount,
    onSuccess: async (me) => {
      queryClient.setQueryData(meQueryKey, me);
      await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    },
  });
}
