import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { caseQueryKey, timelineQueryKey } from './get-case';
import { type Case, type CaseCategory, type CaseSeverity, type CaseType, casesRoot } from './types';

export type NewCase = {
  type: CaseType;
  subject: string;
  description: string;
  severity?: CaseSeverity;
  keyId?: string | null;
  productVersion?: string | null;
  operatingSystem?: string | null;
  category?: CaseCategory;
  invoiceNumber?: string | null;
  ccUserIds?: string[];
  relatedCaseId?: string | null;
};

export async function createCase(input: NewCase): Promise<Case> {
  const { data } = await apiRequest<{ data: Case }>('/api/v1/cases', { method: 'POST', body: input });
  return data;
}

export type CasePatch = {
  severity?: CaseSeverity;
  contactUserId?: string;
  ccUserIds?: string[];
  keyId?: string | null;
  description?: string;
};

/**
 * Bearbeiten. `version` is the one the user started from: the server answers 412
 * (`request.precondition_failed`) when someone changed the case in the meantime.
 */
export async function updateCase({ caseId, version, patch }: { caseId: string; version: number; patch: CasePatch }): Promise<Case> {
  const { data } = await apiRequest<{ data: Case }>(`/api/v1/cases/${encodeURIComponent(caseId)}`, {
    method: 'PATCH',
    headers: { 'If-Match': `"${version}"` },
    body: patch,
  });
  return data;
}

export async function addComment({ caseId, body }: { caseId: string; body: string }) {
  return apiRequest<{ data: { id: string; createdAt: string } }>(`/api/v1/cases/${encodeURIComponent(caseId)}/comments`, {
    method: 'POST',
    body: { body },
  });
}

export async function changeCaseStatus({ caseId, action }: { caseId: string; action: 'solve' | 'reopen' }): Promise<Case> {
  const { data } = await apiRequest<{ data: Case }>(`/api/v1/cases/${encodeURIComponent(caseId)}/${action}`, { method: 'POST' });
  return data;
}

/** After any change the case and its timeline are fresh, and lists and counts are refetched when shown. */
function useRefreshCase(accountId: string) {
  const queryClient = useQueryClient();
  return async (caseId: string, updated?: Case) => {
    if (updated) queryClient.setQueryData(caseQueryKey(accountId, caseId), updated);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: timelineQueryKey(accountId, caseId) }),
      queryClient.invalidateQueries({ queryKey: casesRoot(accountId), refetchType: 'none' }),
    ]);
  };
}

export function useCreateCase(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: async (created) => {
      queryClient.setQueryData(caseQueryKey(accountId, created.id), created);
      await queryClient.invalidateQueries({ queryKey: casesRoot(accountId), refetchType: 'none' });
    },
  });
}

export function useUpdateCase(accountId: string) {
  const refresh = useRefreshCase(accountId);
  return useMutation({ mutationFn: updateCase, onSuccess: (updated) => refresh(updated.id, updated) });
}

export function useAddComment(accountId: string) {
  const refresh = useRefreshCase(accountId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addComment,
    onSuccess: async (_data, { caseId }) => {
      // A comment may move the case back to support (its status changes): fetch the case too.
      await queryClient.invalidateQueries({ queryKey: caseQueryKey(accountId, caseId) });
      await refresh(caseId);
    },
  });
}

export function useChangeCaseStatus(accountId: string) {
  const refresh = useRefreshCase(accountId);
  return useMutation({ mutationFn: changeCaseStatus, onSuccess: (updated) => refresh(updated.id, updated) });
}
