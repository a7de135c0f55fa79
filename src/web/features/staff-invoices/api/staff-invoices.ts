import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  staffCreateInvoiceSchema,
  staffInvoiceSchema,
  staffInvoiceSummarySchema,
  staffRecordPaymentSchema,
  staffUpdateInvoiceSchema,
} from '../../../../server/modules/invoices/invoices.schemas.js';
import { apiRequest } from '../../../lib/api-client';
import { filtersToApiQuery, type InvoiceListFilters } from '../invoice-filters';

/** The server's own shapes (invoices.schemas.ts imports nothing but zod; only its types come here). */
export type StaffInvoiceSummary = z.output<typeof staffInvoiceSummarySchema>;
export type StaffInvoice = z.output<typeof staffInvoiceSchema>;
export type StaffInvoiceInput = z.input<typeof staffCreateInvoiceSchema>;
export type StaffInvoicePatch = z.input<typeof staffUpdateInvoiceSchema>;
export type StaffPaymentInput = z.input<typeof staffRecordPaymentSchema>;
export type InvoiceStatus = StaffInvoice['status'];

const root = ['staff', 'invoices'] as const;
const invoiceKey = (invoiceId: string) => [...root, 'invoice', invoiceId] as const;
const path = (invoiceId: string) => `/api/v1/staff/invoices/${encodeURIComponent(invoiceId)}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function staffInvoicesQueryOptions(filters: InvoiceListFilters) {
  return infiniteQueryOptions({
    queryKey: [...root, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ data: StaffInvoiceSummary[]; nextCursor: string | null }>('/api/v1/staff/invoices', {
        query: { ...filtersToApiQuery(filters), limit: 25, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Newest first; keeps the previous rows on screen while a new filter loads. */
export function useStaffInvoices(filters: InvoiceListFilters) {
  return useInfiniteQuery({ ...staffInvoicesQueryOptions(filters), placeholderData: keepPreviousData });
}

export function staffInvoiceQueryOptions(invoiceId: string) {
  return queryOptions({
    queryKey: invoiceKey(invoiceId),
    queryFn: async ({ signal }) => (await apiRequest<{ data: StaffInvoice }>(path(invoiceId), { signal })).data,
  });
}

export function useStaffInvoice(invoiceId: string, enabled = true) {
  return useQuery({ ...staffInvoiceQueryOptions(invoiceId), enabled });
}

/** After any change: the invoice as the server answered, and every list refetched. */
function useSettle() {
  const queryClient = useQueryClient();
  return async (invoice: StaffInvoice) => {
    queryClient.setQueryData(invoiceKey(invoice.id), invoice);
    await queryClient.invalidateQueries({ queryKey: [...root, 'list'] });
  };
}

export function useCreateInvoice() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (input: StaffInvoiceInput) => (await apiRequest<{ data: StaffInvoice }>('/api/v1/staff/invoices', { method: 'POST', body: input })).data,
    onSuccess: settle,
  });
}

export function useUpdateDraft() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async ({ invoiceId, version, patch }: { invoiceId: string; version: number; patch: StaffInvoicePatch }) =>
      (await apiRequest<{ data: StaffInvoice }>(path(invoiceId), { method: 'PATCH', body: patch, headers: ifMatch(version) })).data,
    onSuccess: settle,
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ invoiceId }: { invoiceId: string }) => {
      await apiRequest<void>(path(invoiceId), { method: 'DELETE' });
    },
    onSuccess: async (_done, { invoiceId }) => {
      queryClient.removeQueries({ queryKey: invoiceKey(invoiceId) });
      await queryClient.invalidateQueries({ queryKey: [...root, 'list'] });
    },
  });
}

export type InvoiceAction =
  | { kind: 'issue'; version: number }
  | { kind: 'void'; reason: string }
  | { kind: 'uncollectible' }
  | { kind: 'payment'; payment: StaffPaymentInput };

/** Ausstellen, Stornieren, uneinbringlich, Überweisung erfassen: each answers the invoice as it is now. */
export function useInvoiceAction() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async ({ invoiceId, action }: { invoiceId: string; action: InvoiceAction }) => {
      const request =
        action.kind === 'issue'
          ? apiRequest<{ data: StaffInvoice }>(`${path(invoiceId)}/issue`, { method: 'POST', headers: ifMatch(action.version) })
          : action.kind === 'void'
            ? apiRequest<{ data: StaffInvoice }>(`${path(invoiceId)}/void`, { method: 'POST', body: { reason: action.reason } })
            : action.kind === 'uncollectible'
              ? apiRequest<{ data: StaffInvoice }>(`${path(invoiceId)}/uncollectible`, { method: 'POST' })
              : apiRequest<{ data: StaffInvoice }>(`${path(invoiceId)}/payments`, { method: 'POST', body: action.payment });
      return (await request).data;
    },
    onSuccess: settle,
  });
}

export const staffInvoicePdfUrl = (invoiceId: string) => `${path(invoiceId)}/pdf`;
