import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type MailStatus = 'queued' | 'sent' | 'held' | 'failed';

export type OutboxMailSummary = {
  id: string;
  to: string;
  subject: string;
  status: MailStatus;
  createdAt: string;
};

export type OutboxPage = { data: OutboxMailSummary[]; nextCursor: string | null };

export const OUTBOX_PAGE_SIZE = 25;

export function getOutbox({ cursor, signal }: { cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<OutboxPage>('/api/v1/staff/outbox', { query: { limit: OUTBOX_PAGE_SIZE, cursor }, signal });
}

export function outboxQueryOptions() {
  return infiniteQueryOptions({
    queryKey: ['staff', 'outbox'],
    queryFn: ({ pageParam, signal }) => getOutbox({ cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useOutbox() {
  return useInfiniteQuery(outboxQueryOptions());
}
