import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The update a key's hint names: a signed, short-lived link to the file, opened at once (the file comes as an attachment). */
export async function downloadUpdate({ artifactId }: { artifactId: string }): Promise<void> {
  const { data } = await apiRequest<{ data: { url: string } }>(`/api/v1/downloads/${encodeURIComponent(artifactId)}/link`, { method: 'POST', body: {} });
  window.location.assign(data.url);
}

export function useDownloadUpdate() {
  return useMutation({ mutationFn: downloadUpdate });
}
