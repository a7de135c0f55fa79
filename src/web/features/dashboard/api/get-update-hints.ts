import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type KeyUpdate = {
  key: { id: string; licenseKeyTail: string; product: { id: string; name: string }; lastUsedVersion: string; assignedName: string | null };
  hint: {
    behind: number;
    latest: { releaseId: string; version: string; channel: 'stable' | 'preview' | 'lts'; publishedAt: string };
    artifact: { id: string; fileName: string; platform: 'windows' | 'macos' | 'linux'; arch: 'x64' | 'arm64' } | null;
  };
};

export function getUpdateHints({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest<{ data: KeyUpdate[]; total: number }>('/api/v1/downloads/updates', { signal });
}

/** The keys the user sees that run an older version than the newest one their maintenance covers. */
export function updateHintsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: ['account', accountId, 'downloads', 'updates'], queryFn: getUpdateHints });
}

export function useUpdateHints(accountId: string) {
  return useQuery(updateHintsQueryOptions(accountId));
}
