import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { casesRoot, type FormOptions } from './types';

export async function getFormOptions({ signal }: { signal?: AbortSignal } = {}): Promise<FormOptions> {
  const { data } = await apiRequest<{ data: FormOptions }>('/api/v1/cases/form-options', { signal });
  return data;
}

export function formOptionsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...casesRoot(accountId), 'form-options'], queryFn: getFormOptions, staleTime: 60_000 });
}

/** The keys a case may be about (with maintenance) and the people of the account (contact, CC, filters). */
export function useFormOptions(accountId: string) {
  return useQuery(formOptionsQueryOptions(accountId));
}
