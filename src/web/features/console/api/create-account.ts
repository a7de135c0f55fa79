import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type NewAccount = {
  name: string;
  currency: string;
  locale: Language;
  admin: { name: string; email: string; locale: Language };
};

export type CreatedAccount = {
  account: { id: string; number: string; name: string; currency: string; locale: string; requireMfa: boolean };
  admin: { id: string; email: string; name: string };
};

/** Creates the account and invites its first administrator by mail, in one step on the server. */
export async function createAccount(input: NewAccount) {
  const { data } = await apiRequest<{ data: CreatedAccount }>('/api/v1/staff/accounts', { method: 'POST', body: input });
  return data;
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['staff', 'accounts'] });
    },
  });
}
