import { ApiError, NETWORK_ERROR_STATUS, problemFromResponse } from '../../lib/api-client';
import { intlLocale } from '../../lib/language';

export type DownloadProgress = { received: number; total: number | null };

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? fallback;
}

/**
 * Reads a download with fetch and its body stream, reporting the bytes received as they arrive
 * (the server streams exports row by row and cannot say the size in advance), and resolves with the
 * whole file once it is complete. A failed answer rejects with the server's problem.
 */
export async function fetchWithProgress(
  url: string,
  { signal, onProgress, fallbackName }: { signal?: AbortSignal; onProgress: (p: DownloadProgress) => void; fallbackName: string },
): Promise<{ blob: Blob; fileName: string; size: number }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network', title: 'Network error' });
  }
  if (!response.ok) throw await problemFromResponse(response);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ received, total });
    }
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName: fileNameOf(response.headers.get('content-disposition'), fallbackName), size: received };
}

/** Hands a finished file to the browser's download (an object URL on a temporary link). */
export function saveFile(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** 1536 → "1,5 kB" (de) / "1.5 kB" (en). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
