import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type Meta = {
  demo: boolean;
  demoPassword: string | null;
  demoLogins: { email: string; label: string }[];
  version: string;
};

export async function getMeta({ signal }: { signal?: AbortSignal } = {}): Promise<Meta> {
  const { data } = await apiRequest<{ data: Meta }>('/api/v1/meta', { signal });
  return data;
}

export function metaQueryOptions() {
  return queryOptions({ queryKey: ['meta'], queryFn: getMeta, staleTime: Number.POSITIVE_INFINITY });
}

export function useMeta() {
  return useQuery(metaQueryOptions());
}
