import { Upload } from 'tus-js-client';
import { RateMeter, secondsLeft } from './upload-format';
import { shouldRetryUpload, type UploadProblem, uploadProblem } from './upload-problem';
import { forgetStoredUploads, identityOfFile, uploadFingerprint } from './stored-uploads';

/** Portico's tus endpoint; the attachment list names it too (`upload.endpoint`). */
export const UPLOAD_ENDPOINT = '/api/v1/uploads';

const MIB = 1024 * 1024;

/**
 * Bytes per PATCH: a 64th of the file, at least 32 MiB and at most 256 MiB. A 20 GiB file takes
 * 80 requests (the per-request work — session, lock, offset — stays far below the transfer time),
 * small files still go in a few steps, and a reverse proxy with a body limit sees bounded
 * requests. The server keeps whatever part of a chunk arrived before a connection dropped.
 */
export function chunkSizeFor(size: number): number {
  return Math.min(256 * MIB, Math.max(32 * MIB, Math.ceil(size / 64 / MIB) * MIB));
}

/** Files sent at the same time; more wait their turn, so each one finishes sooner. */
const PARALLEL = 2;

/** Retries after a network failure or server error before the row shows the error (~2 minutes). */
const RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000];

export type UploadStatus = 'queued' | 'uploading' | 'paused' | 'finishing' | 'done' | 'error' | 'canceling';

/** A release file's target (staff console): the upload becomes a file of the release for this platform. */
export type ArtifactTarget = { releaseId: string; platform: 'windows' | 'macos' | 'linux'; arch: 'x64' | 'arm64' };

export type UploadItem = {
  id: string;
  /** The case the file goes to; for a release file `<releaseId>/<platform>-<arch>` (its target, for grouping and resuming). */
  caseId: string;
  /** Set for release files: the server files the upload under the release, not a case. */
  artifact: ArtifactTarget | null;
  file: File;
  name: string;
  visibility: 'public' | 'internal';
  status: UploadStatus;
  bytesSent: number;
  bytesTotal: number;
  /** Where the server had got to when this browser picked the upload up again (0: a new upload). */
  resumedAt: number;
  rate: number | null;
  secondsLeft: number | null;
  problem: UploadProblem | null;
  attachmentId: string | null;
  sha256: string | null;
};

type Entry = { item: UploadItem; upload: Upload | null; meter: RateMeter; lastEmit: number; fromStorage: boolean };

type StartInput = { caseId: string; userId: string; files: File[]; visibility?: 'public' | 'internal'; endpoint?: string; artifact?: ArtifactTarget };

/** The grouping key of a release file's uploads (UploadItem.caseId). */
export const artifactTargetKey = (a: ArtifactTarget) => `${a.releaseId}/${a.platform}-${a.arch}`;

type CompletionListener = (item: UploadItem) => void;

let nextId = 1;

/**
 * The browser's uploads, kept outside React: they go on while the user moves between pages (the
 * new-case form hands its files over and navigates to the case), and every view of a case shows
 * the same rows. tus-js-client does the protocol; the fingerprint it stores in localStorage lets
 * a reload or another visit pick an upload up where the server has it.
 */
class UploadManager {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();
  private completion = new Set<CompletionListener>();
  private snapshot: UploadItem[] = [];

  constructor() {
    if (typeof window !== 'undefined') {
      // A connection that comes back continues what failed for want of one.
      window.addEventListener('online', () => {
        for (const entry of this.entries.values()) if (entry.item.status === 'error' && entry.item.problem?.retryable) this.resume(entry.item.id);
      });
      window.addEventListener('beforeunload', (event) => {
        if ([...this.entries.values()].some((e) => e.item.status === 'uploading' || e.item.status === 'queued' || e.item.status === 'finishing')) {
          event.preventDefault();
        }
      });
    }
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** Called once per finished upload (to refresh the attachment list and the timeline). */
  onCompleted(listener: CompletionListener) {
    this.completion.add(listener);
    return () => this.completion.delete(listener);
  }

  private emit() {
    this.snapshot = [...this.entries.values()].map((e) => e.item);
    for (const listener of this.listeners) listener();
  }

  private update(id: string, patch: Partial<UploadItem>, throttle = false) {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.item = { ...entry.item, ...patch };
    const now = Date.now();
    // Progress arrives many times a second; a row needs a few updates per second.
    if (throttle && now - entry.lastEmit < 250) return;
    entry.lastEmit = now;
    this.emit();
  }

  /** Queues files for a case; those beyond the parallel limit wait. */
  add({ caseId, userId, files, visibility = 'public', endpoint = UPLOAD_ENDPOINT, artifact }: StartInput): string[] {
    const ids = files.map((file) => {
      const id = `u${nextId++}`;
      const item: UploadItem = {
        id, caseId: artifact ? artifactTargetKey(artifact) : caseId, artifact: artifact ?? null, file, name: file.name, visibility, status: 'queued', bytesSent: 0, bytesTotal: file.size, resumedAt: 0,
        rate: null, secondsLeft: null, problem: null, attachmentId: null, sha256: null,
      };
      const entry: Entry = { item, upload: null, meter: new RateMeter(), lastEmit: 0, fromStorage: false };
      entry.upload = this.createUpload(entry, { userId, endpoint });
      this.entries.set(id, entry);
      return id;
    });
    this.emit();
    this.pump();
    return ids;
  }

  /** Shows a problem found before sending (e.g. larger than the case allows) as a failed row. */
  reject({ caseId, file, visibility = 'public', problem }: { caseId: string; file: File; visibility?: 'public' | 'internal'; problem: UploadProblem }) {
    const id = `u${nextId++}`;
    const item: UploadItem = {
      id, caseId, artifact: null, file, name: file.name, visibility, status: 'error', bytesSent: 0, bytesTotal: file.size, resumedAt: 0,
      rate: null, secondsLeft: null, problem, attachmentId: null, sha256: null,
    };
    this.entries.set(id, { item, upload: null, meter: new RateMeter(), lastEmit: 0, fromStorage: false });
    this.emit();
  }

  private createUpload(entry: Entry, { userId, endpoint }: { userId: string; endpoint: string }): Upload {
    const { item } = entry;
    const id = item.id;
    const fingerprint = uploadFingerprint(identityOfFile(item.file, { userId, caseId: item.caseId, visibility: item.visibility }));
    return new Upload(item.file, {
      endpoint,
      chunkSize: chunkSizeFor(item.file.size),
      retryDelays: RETRY_DELAYS,
      metadata: item.artifact
        ? { releaseId: item.artifact.releaseId, platform: item.artifact.platform, arch: item.artifact.arch, filename: item.file.name }
        : {
            caseId: item.caseId,
            filename: item.file.name,
            ...(item.file.type ? { filetype: item.file.type } : {}),
            ...(item.visibility === 'internal' ? { visibility: 'internal' } : {}),
          },
      fingerprint: () => Promise.resolve(fingerprint),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onShouldRetry: (error) => shouldRetryUpload(error),
      onProgress: (sent, total) => {
        const at = Date.now();
        entry.meter.add(sent, at);
        const rate = entry.meter.rate();
        const current = this.entries.get(id)?.item;
        const status = sent >= total && current?.status === 'uploading' ? 'finishing' : current?.status;
        this.update(id, { bytesSent: sent, bytesTotal: total, rate, secondsLeft: secondsLeft(total - sent, rate), ...(status ? { status } : {}) }, status !== 'finishing');
      },
      onAfterResponse: (req, res) => {
        // The HEAD that picks up a remembered upload says where the server is: "resumed at …".
        if (req.getMethod() === 'HEAD' && res.getStatus() === 200) {
          const offset = Number(res.getHeader('Upload-Offset'));
          if (Number.isFinite(offset) && offset > 0) {
            entry.meter.reset();
            const first = entry.fromStorage && !this.entries.get(id)?.item.resumedAt;
            this.update(id, { bytesSent: offset, ...(first ? { resumedAt: offset } : {}) });
          }
        }
      },
      onSuccess: ({ lastResponse }) => {
        const sha256 = lastResponse.getHeader('Attachment-Sha256') ?? null;
        const attachmentId = lastResponse.getHeader('Attachment-Id') ?? null;
        this.update(id, { status: 'done', bytesSent: item.file.size, rate: null, secondsLeft: null, sha256, attachmentId, problem: null });
        const done = this.entries.get(id)?.item;
        if (done) for (const listener of this.completion) listener(done);
        this.pump();
      },
      onError: (error) => {
        this.update(id, { status: 'error', rate: null, secondsLeft: null, problem: uploadProblem(error) });
        this.pump();
      },
    });
  }

  /** Starts queued uploads up to the parallel limit, picking up remembered ones where the server has them. */
  private pump() {
    const running = [...this.entries.values()].filter((e) => e.item.status === 'uploading' || e.item.status === 'finishing').length;
    const queued = [...this.entries.values()].filter((e) => e.item.status === 'queued');
    for (const entry of queued.slice(0, Math.max(0, PARALLEL - running))) void this.begin(entry);
  }

  private async begin(entry: Entry) {
    const upload = entry.upload;
    if (!upload) return;
    this.update(entry.item.id, { status: 'uploading', problem: null });
    entry.meter.reset();
    if (!upload.url) {
      const previous = await upload.findPreviousUploads().catch(() => []);
      const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
      if (latest) {
        entry.fromStorage = true;
        upload.resumeFromPreviousUpload(latest);
      }
    }
    if (this.entries.get(entry.item.id)?.item.status !== 'uploading') return;
    upload.start();
  }

  pause(id: string) {
    const entry = this.entries.get(id);
    if (!entry || (entry.item.status !== 'uploading' && entry.item.status !== 'queued')) return;
    void entry.upload?.abort(false);
    entry.meter.reset();
    this.update(id, { status: 'paused', rate: null, secondsLeft: null });
    this.pump();
  }

  /** Continues a paused or failed upload (a failed one that never reached the server starts over). */
  resume(id: string) {
    const entry = this.entries.get(id);
    if (!entry?.upload || (entry.item.status !== 'paused' && entry.item.status !== 'error')) return;
    this.update(id, { status: 'queued', problem: null });
    this.pump();
  }

  /** Stops the upload and deletes what the server has of it (tus termination). */
  async cancel(id: string) {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.item.status === 'done') return this.dismiss(id);
    this.update(id, { status: 'canceling' });
    const fingerprint = entry.upload ? await entry.upload.options.fingerprint?.(entry.item.file, entry.upload.options) : undefined;
    try {
      await entry.upload?.abort(true);
    } catch {
      // The server forgets an unfinished upload when it expires; this browser forgets it now.
    }
    if (fingerprint) await forgetStoredUploads(fingerprint).catch(() => {});
    this.entries.delete(id);
    this.emit();
    this.pump();
  }

  dismiss(id: string) {
    const entry = this.entries.get(id);
    if (!entry || entry.item.status === 'uploading' || entry.item.status === 'finishing') return;
    if (entry.item.status === 'paused' || entry.item.status === 'queued') void entry.upload?.abort(false);
    this.entries.delete(id);
    this.emit();
  }

  /** True while one of the case's uploads still works, so the page can keep it in view. */
  isBusy(caseId: string) {
    return this.snapshot.some((item) => item.caseId === caseId && (item.status === 'uploading' || item.status === 'queued' || item.status === 'finishing'));
  }
}

export const uploads = new UploadManager();
