import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type Product = {
  id: string;
  code: string;
  name: string;
  latestVersion: string | null;
  editions: { id: string; code: string; name: string }[];
};

export type NewProduct = { code: string; name: string; latestVersion?: string; editions: { code: string; name: string }[] };

const productsKey = ['staff', 'products'] as const;

export async function getProducts({ signal }: { signal?: AbortSignal } = {}): Promise<Product[]> {
  return (await apiRequest<{ data: Product[] }>('/api/v1/staff/products', { signal })).data;
}

export function productsQueryOptions() {
  return queryOptions({ queryKey: productsKey, queryFn: getProducts });
}

export function useProducts() {
  return useQuery(productsQueryOptions());
}

export async function createProduct(input: NewProduct): Promise<Product> {
  return (await apiRequest<{ data: Product }>('/api/v1/staff/products', { method: 'POST', body: input })).data;
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createProduct, onSuccess: () => queryClient.invalidateQueries({ queryKey: productsKey }) });
}
