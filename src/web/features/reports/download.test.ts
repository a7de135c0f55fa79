import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { type DownloadProgress, fetchWithProgress, fileNameOf, formatBytes } from './download';

afterEach(() => vi.unstubAllGlobals());

function streamOf(parts: string[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('an export download', () => {
  it('reports the bytes as they arrive and resolves with the whole file and its name', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(streamOf(['a,b\r\n', '1,2\r\n', '3,4\r\n']), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="wartung-2026-11-28.csv"' },
      }),
    );
    const seen: DownloadProgress[] = [];
    const file = await fetchWithProgress('/api/v1/reports/maintenance?format=csv', { onProgress: (p) => seen.push(p), fallbackName: 'report.csv' });
    expect(seen.map((p) => p.received)).toEqual([0, 5, 10, 15]);
    expect(file.fileName).toBe('wartung-2026-11-28.csv');
    expect(file.size).toBe(15);
    expect(await file.blob.text()).toBe('a,b\r\n1,2\r\n3,4\r\n');
  });

  it('rejects with the server’s problem when the export is refused', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ code: 'auth.forbidden', title: 'Forbidden', status: 403 }), { status: 403, headers: { 'content-type': 'application/problem+json' } }),
    );
    const failure = fetchWithProgress('/x', { onProgress: () => {}, fallbackName: 'x' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 403, code: 'auth.forbidden' });
  });

  it('names files and sizes for people', () => {
    expect(fileNameOf(null, 'report.xlsx')).toBe('report.xlsx');
    expect(formatBytes(532, 'de')).toBe('532 B');
    expect(formatBytes(1536, 'de')).toBe('1,5 kB');
    expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
  });
});
