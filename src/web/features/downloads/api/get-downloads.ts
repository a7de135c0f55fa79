import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type DownloadProduct, downloadsRoot } from './types';

export async function getDownloads({ signal }: { signal?: AbortSignal }): Promise<DownloadProduct[]> {
  const { data } = await apiRequest<{ data: DownloadProduct[] }>('/api/v1/downloads', { signal });
  return data;
}

export function downloadsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...downloadsRoot(accountId), 'list'], queryFn: ({ signal }) => getDownloads({ signal }) });
}

export function useDownloads(accountId: string) {
  return useQuery(downloadsQueryOptions(accountId));
}
