import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, problemFromResponse } from '../../../lib/api-client';

export type Channel = 'stable' | 'preview' | 'lts';
export type Platform = 'windows' | 'macos' | 'linux';
export type Arch = 'x64' | 'arm64';

export type StaffArtifact = {
  id: string;
  platform: Platform;
  arch: Arch;
  fileName: string;
  size: number;
  sha256: string;
  signature: { fileName: string; size: number; url: string } | null;
  createdAt: string;
};

export type StaffRelease = {
  id: string;
  product: { id: string; name: string };
  version: string;
  channel: Channel;
  status: 'draft' | 'published';
  publishedAt: string | null;
  notes: string;
  notesHtml: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  artifacts: StaffArtifact[];
  abilities: { edit: boolean; editVersion: boolean; publish: boolean; unpublish: boolean; delete: boolean; upload: boolean; removeFiles: boolean };
};

export type StaffReleases = {
  data: { product: { id: string; code: string; name: string }; releases: StaffRelease[] }[];
  upload: { endpoint: string; maxFileBytes: number };
};

const ROOT = ['staff', 'releases'] as const;

export function useStaffReleases() {
  return useQuery({ queryKey: ROOT, queryFn: ({ signal }) => apiRequest<StaffReleases>('/api/v1/staff/releases', { signal }) });
}

const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });
const path = (id: string, rest = '') => `/api/v1/staff/releases/${encodeURIComponent(id)}${rest}`;

/** Every change reloads the list: publication, files and notes show at once. */
function useReleaseMutation<Input>(fn: (input: Input) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ROOT }) });
}

export const useCreateRelease = () =>
  useReleaseMutation((body: { productId: string; version: string; channel: Channel; notes: string }) => apiRequest<{ data: StaffRelease }>('/api/v1/staff/releases', { method: 'POST', body }));
export const useUpdateRelease = () =>
  useReleaseMutation(({ release, patch }: { release: StaffRelease; patch: { notes?: string; channel?: Channel } }) =>
    apiRequest(path(release.id), { method: 'PATCH', body: patch, headers: ifMatch(release.revision) }),
  );
export const usePublishRelease = () =>
  useReleaseMutation(({ release, notify }: { release: StaffRelease; notify: boolean }) => apiRequest(path(release.id, '/publish'), { method: 'POST', body: { notify }, headers: ifMatch(release.revision) }));
export const useUnpublishRelease = () =>
  useReleaseMutation(({ release }: { release: StaffRelease }) => apiRequest(path(release.id, '/unpublish'), { method: 'POST', headers: ifMatch(release.revision) }));
export const useDeleteRelease = () => useReleaseMutation(({ release }: { release: StaffRelease }) => apiRequest(path(release.id), { method: 'DELETE' }));
export const useRemoveArtifact = () =>
  useReleaseMutation(({ release, artifact }: { release: StaffRelease; artifact: StaffArtifact }) => apiRequest(path(release.id, `/artifacts/${encodeURIComponent(artifact.id)}`), { method: 'DELETE' }));

/** Stores a detached signature file (`.sig`, `.asc`, …; at most 64 KiB) beside a release file. */
export const useUploadSignature = () =>
  useReleaseMutation(async ({ release, artifact, file }: { release: StaffRelease; artifact: StaffArtifact; file: File }) => {
    const res = await fetch(`${path(release.id, `/artifacts/${encodeURIComponent(artifact.id)}/signature`)}?fileName=${encodeURIComponent(file.name)}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
    if (!res.ok) throw await problemFromResponse(res);
  });

/** Refreshes the list (after a file finished uploading). */
export function useRefreshReleases() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ROOT });
}
