import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { MailStatus } from './get-outbox';

export type OutboxMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Rendered HTML of the mail. Never injected into the page: the text part is shown instead. */
  html: string | null;
  status: MailStatus;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
};

export async function getOutboxMail({ mailId, signal }: { mailId: string; signal?: AbortSignal }) {
  const { data } = await apiRequest<{ data: OutboxMail }>(`/api/v1/staff/outbox/${encodeURIComponent(mailId)}`, {
    signal,
  });
  return data;
}

export function outboxMailQueryOptions(mailId: string) {
  return queryOptions({
    queryKey: ['staff', 'outbox', mailId],
    queryFn: ({ signal }) => getOutboxMail({ mailId, signal }),
  });
}

export function useOutboxMail(mailId: string) {
  return useQuery(outboxMailQueryOptions(mailId));
}
