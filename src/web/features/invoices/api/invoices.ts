import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  accountSchema,
  Address,
  AccountPatch,
  invoiceListResponse,
  invoiceSchema,
  invoiceSummarySchema,
  InvoiceTab,
  payResponse,
} from '../../../../server/modules/invoices/invoices.schemas';
import { apiRequest } from '../../../lib/api-client';
import { type InvoiceListFilters, filtersToQuery } from '../invoice-filters';

// The server's own response shapes (type-only imports: nothing of the server reaches the bundle).
export type InvoiceSummary = z.output<typeof invoiceSummarySchema>;
export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceListPage = z.output<typeof invoiceListResponse>;
export type PayAnswer = z.output<typeof payResponse>['data'];
export type BankTransfer = Extract<PayAnswer, { method: 'bank_transfer' }>;
export type Account = z.output<typeof accountSchema>;
export type AccountBilling = NonNullable<Account['billing']>;
export type { Address, AccountPatch, InvoiceTab };

export const INVOICES_PAGE_SIZE = 25;

/** Everything cached about invoices belongs to one account. */
export const invoicesRoot = (accountId: string) => ['account', accountId, 'invoices'] as const;

export function invoicesQueryOptions(accountId: string, filters: InvoiceListFilters) {
  return infiniteQueryOptions({
    queryKey: [...invoicesRoot(accountId), 'list', filtersToQuery(filters)],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<InvoiceListPage>('/api/v1/invoices', {
        query: { ...filtersToQuery(filters), tab: filters.tab, limit: INVOICES_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Keeps the previous results on screen while a new tab or filter loads, so the list does not flicker. */
export function useInvoices(accountId: string, filters: InvoiceListFilters) {
  return useInfiniteQuery({ ...invoicesQueryOptions(accountId, filters), placeholderData: keepPreviousData });
}

export const invoiceQueryKey = (accountId: string, invoiceId: string) => [...invoicesRoot(accountId), 'invoice', invoiceId] as const;

export function invoiceQueryOptions(accountId: string, invoiceId: string) {
  return queryOptions({
    queryKey: invoiceQueryKey(accountId, invoiceId),
    queryFn: async ({ signal }) => (await apiRequest<{ data: Invoice }>(`/api/v1/invoices/${encodeURIComponent(invoiceId)}`, { signal })).data,
  });
}

/** One invoice; `pollMs` asks again at that pace (while a payment is being confirmed). */
export function useInvoice(accountId: string, invoiceId: string, pollMs: number | false = false) {
  return useQuery({ ...invoiceQueryOptions(accountId, invoiceId), refetchInterval: pollMs, refetchOnWindowFocus: true });
}

/** Bezahlen: a Stripe Checkout to send the browser to, or the bank account to transfer to. */
export function usePayInvoice(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invoiceId: string) =>
      (await apiRequest<{ data: PayAnswer }>(`/api/v1/invoices/${encodeURIComponent(invoiceId)}/pay`, { method: 'POST' })).data,
    onError: () => queryClient.invalidateQueries({ queryKey: invoicesRoot(accountId) }),
  });
}

/* ---------- Kontodaten ---------- */

export const accountQueryKey = (accountId: string) => ['account', accountId, 'billing'] as const;

/** The account with its Kontodaten; `version` is what If-Match names when saving. */
export function useAccount(accountId: string) {
  return useQuery({
    queryKey: accountQueryKey(accountId),
    queryFn: async ({ signal }) => (await apiRequest<{ data: Account }>('/api/v1/account', { signal })).data,
    // A form being filled in must not be reset under the user's hands.
    refetchOnWindowFocus: false,
  });
}

export function useUpdateAccountBilling(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, patch }: { version: number; patch: AccountPatch }) =>
      (await apiRequest<{ data: Account }>('/api/v1/account', { method: 'PATCH', body: patch, headers: { 'If-Match': `"${version}"` } })).data,
    onSuccess: (account) => queryClient.setQueryData(accountQueryKey(accountId), account),
  });
}
