import crypto from 'node:crypto';
import fs from 'node:fs';
import { Upload } from 'tus-js-client';

export interface TusRun {
  uploadUrl: string | null;
  attachmentId: string | null;
  sha256: string | null;
  /** The offset the first PATCH of this run started at (0 for a fresh upload). */
  startedAt: number | null;
  error: (Error & { originalResponse?: { getStatus(): number; getBody(): string } | null }) | null;
}

/**
 * Uploads a file with tus-js-client (Node, fs.createReadStream) against a listening Portico, as a
 * browser on our own origin would (session cookie + Origin). `abortAfter`: stop once that many
 * bytes are acknowledged (an interruption); `uploadUrl`: resume that upload.
 */
export function tusUpload(opts: {
  endpoint: string;
  /** Omitted: no Origin header (as a script sends none). */
  origin?: string;
  cookie?: string;
  /** A personal API token instead of the session cookie. */
  bearer?: string;
  file: string;
  metadata: Record<string, string>;
  uploadUrl?: string | null;
  chunkSize?: number;
  abortAfter?: number;
  retryDelays?: number[];
}): Promise<TusRun> {
  const size = fs.statSync(opts.file).size;
  return new Promise((resolve) => {
    const run: TusRun = { uploadUrl: null, attachmentId: null, sha256: null, startedAt: null, error: null };
    let aborted = false;
    const upload = new Upload(fs.createReadStream(opts.file), {
      endpoint: opts.endpoint,
      uploadUrl: opts.uploadUrl ?? null,
      uploadSize: size,
      chunkSize: opts.chunkSize ?? 8 * 1024 * 1024,
      metadata: opts.metadata,
      headers: {
        ...(opts.cookie ? { Cookie: opts.cookie } : {}),
        ...(opts.bearer ? { Authorization: `Bearer ${opts.bearer}` } : {}),
        ...(opts.origin ? { Origin: opts.origin } : {}),
      },
      retryDelays: opts.retryDelays ?? [],
      storeFingerprintForResuming: false,
      onBeforeRequest(req) {
        if (req.getMethod() === 'PATCH' && run.startedAt === null) run.startedAt = Number(req.getHeader('Upload-Offset'));
      },
      onUploadUrlAvailable() {
        run.uploadUrl = upload.url;
      },
      onChunkComplete(_chunk, accepted) {
        if (opts.abortAfter !== undefined && accepted >= opts.abortAfter && !aborted) {
          aborted = true;
          run.uploadUrl = upload.url;
          void upload.abort().then(() => resolve(run));
        }
      },
      onSuccess(payload) {
        run.uploadUrl = upload.url;
        run.attachmentId = payload.lastResponse.getHeader('Attachment-Id') ?? null;
        run.sha256 = payload.lastResponse.getHeader('Attachment-Sha256') ?? null;
        resolve(run);
      },
      onError(err) {
        run.error = err as TusRun['error'];
        run.uploadUrl = upload.url;
        resolve(run);
      },
    });
    upload.start();
  });
}

/** A file of `size` pseudo-random bytes and its SHA-256. */
export function randomFile(file: string, size: number): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w');
  const block = 1024 * 1024;
  for (let written = 0; written < size; written += block) {
    const buf = crypto.randomBytes(Math.min(block, size - written));
    hash.update(buf);
    fs.writeSync(fd, buf);
  }
  fs.closeSync(fd);
  return hash.digest('hex');
}

export const sha256File = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
