import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Asks the vendor's support, by mail, to renew the key's maintenance. */
export async function requestRenewal({ keyId, message }: { keyId: string; message: string }): Promise<void> {
  await apiRequest<unknown>(`/api/v1/keys/${encodeURIComponent(keyId)}/renewal-request`, {
    method: 'POST',
    body: message ? { message } : {},
  });
}

export function useRequestRenewal() {
  return useMutation({ mutationFn: requestRenewal });
}
