import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** A signed link to the file, for the signed-in user only, valid a few minutes; the entitlement is checked again when it is fetched. */
export async function createDownloadLink({ artifactId }: { artifactId: string }): Promise<{ url: string; expiresAt: string }> {
  const { data } = await apiRequest<{ data: { url: string; expiresAt: string } }>(`/api/v1/downloads/${encodeURIComponent(artifactId)}/link`, { method: 'POST', body: {} });
  return data;
}

/** Starts the download in the browser: the file answers with Content-Disposition: attachment, so the page stays. */
export function useDownload() {
  return useMutation({
    mutationFn: createDownloadLink,
    onSuccess: ({ url }) => {
      window.location.assign(url);
    },
  });
}
