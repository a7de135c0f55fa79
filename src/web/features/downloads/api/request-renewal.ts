import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Asks the vendor to renew a key's maintenance: the server opens a Kundendienst case about the key (as on the key's page). */
export async function requestRenewal({ keyId, message }: { keyId: string; message: string }): Promise<{ caseId: string; number: string }> {
  const { data } = await apiRequest<{ data: { caseId: string; number: string } }>(`/api/v1/keys/${encodeURIComponent(keyId)}/renewal-request`, {
    method: 'POST',
    body: message ? { message } : {},
  });
  return data;
}

export function useRequestRenewal() {
  return useMutation({ mutationFn: requestRenewal });
}
