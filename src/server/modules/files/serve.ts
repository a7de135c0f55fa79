import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, parseRange } from './files.usecases.js';
import type { FileStorage } from './storage.js';

export interface StoredFile {
  storageKey: string;
  size: number;
  fileName: string;
  /** A strong validator: the file's SHA-256. */
  sha256: string;
  /** What the browser is told; anything not shown inline goes out as application/octet-stream. */
  contentType: string;
  disposition: 'attachment' | 'inline';
}

/**
 * Streams a stored file (local disk or S3) with the headers every download of Portico carries:
 * Range (one range; a resumed download continues, a range beyond the end is 416), If-Range and
 * If-None-Match against the SHA-256 ETag, Content-Disposition with the exact file name, no
 * sniffing, sandboxed. The bytes stream from storage; nothing is buffered whole. `onStart` runs
 * once the request is known to be served (after the range checks), before the first byte.
 */
export async function sendStoredFile(
  req: FastifyRequest,
  reply: FastifyReply,
  { storage, file, onStart }: { storage: FileStorage; file: StoredFile; onStart?: (range: { start: number; end: number } | null) => Promise<void> },
) {
  const etag = `"${file.sha256}"`;
  reply.headers({
    'content-type': file.contentType,
    'content-disposition': contentDisposition(file.disposition, file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-cache',
    'accept-ranges': 'bytes',
    etag,
  });
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(req.headers.range, file.size) : null;
  await onStart?.(range);
  if (file.size === 0) return reply.header('content-length', '0').send('');
  const stream = await storage.read(file.storageKey, range ?? undefined);
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`).header('content-length', String(range.end - range.start + 1));
  } else {
    reply.header('content-length', String(file.size));
  }
  return reply.send(stream);
}
