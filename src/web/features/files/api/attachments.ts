import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Mirrors `attachmentSchema` / `attachmentListSchema` of the server's files module. */
export type ScanStatus = 'clean' | 'infected' | 'pending' | 'skipped' | 'failed';
export type AttachmentVisibility = 'public' | 'internal';

export type Attachment = {
  id: string;
  caseId: string;
  fileName: string;
  size: number;
  sha256: string;
  contentType: string;
  declaredType: string | null;
  visibility: AttachmentVisibility;
  scanStatus: ScanStatus;
  scanResult: string | null;
  uploadedBy: { userId: string | null; name: string | null; kind: 'customer' | 'staff' };
  createdAt: string;
  contentUrl: string;
  abilities: { download: boolean; inline: boolean };
};

export type UploadRules = {
  allowed: boolean;
  maxFileBytes: number;
  remainingBytes: number;
  visibilities: AttachmentVisibility[];
  endpoint: string;
};

export type AttachmentList = { data: Attachment[]; upload: UploadRules };

/** Whose view of the case: the customer's (public files) or the console's (internal ones too). */
export type FilesScope = 'customer' | 'staff';

const listPath = (scope: FilesScope, caseId: string) =>
  `/api/v1/${scope === 'staff' ? 'staff/' : ''}cases/${encodeURIComponent(caseId)}/attachments`;

export async function getAttachments({ scope, caseId, signal }: { scope: FilesScope; caseId: string; signal?: AbortSignal }): Promise<AttachmentList> {
  return apiRequest<AttachmentList>(listPath(scope, caseId), { signal });
}

export const attachmentsQueryKey = (scope: FilesScope, caseId: string) => ['files', scope, caseId] as const;

/** While a file waits for its virus check, the list asks again every few seconds. */
export const PENDING_POLL_MS = 5_000;

export function attachmentsQueryOptions(scope: FilesScope, caseId: string) {
  return queryOptions({ queryKey: attachmentsQueryKey(scope, caseId), queryFn: ({ signal }) => getAttachments({ scope, caseId, signal }) });
}

export function useAttachments(scope: FilesScope, caseId: string) {
  return useQuery({
    ...attachmentsQueryOptions(scope, caseId),
    // Uploads finish in the background (another page, another tab): a case page always asks anew.
    refetchOnMount: 'always',
    refetchInterval: (query) => (query.state.data?.data.some((a) => a.scanStatus === 'pending') ? PENDING_POLL_MS : false),
  });
}
