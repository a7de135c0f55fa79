import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { keysRoot } from './types';

export type KeyFacets = {
  products: { id: string; name: string }[];
  keyGroups: { id: string; name: string }[];
};

export async function getKeyFacets({ signal }: { signal?: AbortSignal } = {}): Promise<KeyFacets> {
  const { data } = await apiRequest<{ data: KeyFacets }>('/api/v1/keys/facets', { signal });
  return data;
}

/** The products and key groups among the keys this user may see: the choices of the list filters. */
export function keyFacetsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: [...keysRoot(accountId), 'facets'], queryFn: getKeyFacets });
}

export function useKeyFacets(accountId: string) {
  return useQuery(keyFacetsQueryOptions(accountId));
}
