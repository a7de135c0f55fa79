import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

export type LicenseFile = {
  format: 'portico-license';
  version: 1;
  certificate: string;
  product: string;
  issuedAt: string;
};

export type OfflineResult = {
  kind: 'activation' | 'deactivation';
  keyId: string;
  /** The signed licence file for an activation; null for a deactivation. */
  licenseFile: LicenseFile | null;
};

/** Hands the request file the software wrote (its text) to the server. */
export async function submitOfflineRequest({ request }: { request: string }): Promise<OfflineResult> {
  const { data } = await apiRequest<{ data: OfflineResult }>('/api/v1/licensing/offline', {
    method: 'POST',
    body: { request },
  });
  return data;
}

export function useOfflineRequest(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitOfflineRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysRoot(accountId) }),
  });
}
