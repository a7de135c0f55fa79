import { defaultOptions, type PreviousUpload } from 'tus-js-client';

/**
 * Fingerprints name an upload in the browser's storage (tus-js-client keeps `tus::<fingerprint>::<n>`
 * → upload URL in localStorage). Portico's say whose upload it is, to which case and with which
 * visibility, besides the file's name, size and modification time: the same file sent to two
 * cases is two uploads, and one person never resumes — or is offered — another's upload.
 */
export type UploadIdentity = {
  userId: string;
  caseId: string;
  visibility: 'public' | 'internal';
  name: string;
  size: number;
  lastModified: number;
};

const PREFIX = 'portico';

export function uploadFingerprint(id: UploadIdentity): string {
  return [PREFIX, id.userId, id.caseId, id.visibility, id.name, String(id.size), String(id.lastModified)].map(encodeURIComponent).join('/');
}

export function parseFingerprint(fingerprint: string): UploadIdentity | null {
  const parts = fingerprint.split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (parts.length !== 7 || parts[0] !== PREFIX) return null;
  const [, userId, caseId, visibility, name, size, lastModified] = parts as [string, string, string, string, string, string, string];
  if (visibility !== 'public' && visibility !== 'internal') return null;
  if (!/^\d+$/.test(size) || !/^-?\d+$/.test(lastModified) || !userId || !caseId || !name) return null;
  return { userId, caseId, visibility, name, size: Number(size), lastModified: Number(lastModified) };
}

/** The fingerprint inside tus-js-client's storage key `tus::<fingerprint>::<random>`. */
export function fingerprintOfKey(key: string): string | null {
  if (!key.startsWith('tus::')) return null;
  const end = key.lastIndexOf('::');
  return end > 5 ? key.slice(5, end) : null;
}

export function identityOfFile(file: File, rest: Pick<UploadIdentity, 'userId' | 'caseId' | 'visibility'>): UploadIdentity {
  return { ...rest, name: file.name, size: file.size, lastModified: file.lastModified };
}

/** An unfinished upload of this person to this case that the browser remembers. */
export type StoredUpload = { key: string; fingerprint: string; identity: UploadIdentity; uploadUrl: string; createdAt: string };

/** The unfinished uploads of `userId` to `caseId` remembered in this browser, oldest first. */
export async function findStoredUploads({ userId, caseId }: { userId: string; caseId: string }): Promise<StoredUpload[]> {
  let all: PreviousUpload[];
  try {
    all = await defaultOptions.urlStorage.findAllUploads();
  } catch {
    return [];
  }
  const found: StoredUpload[] = [];
  for (const entry of all) {
    const fingerprint = fingerprintOfKey(entry.urlStorageKey);
    const identity = fingerprint ? parseFingerprint(fingerprint) : null;
    if (!fingerprint || !identity || identity.userId !== userId || identity.caseId !== caseId || !entry.uploadUrl) continue;
    found.push({ key: entry.urlStorageKey, fingerprint, identity, uploadUrl: entry.uploadUrl, createdAt: entry.creationTime });
  }
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function forgetStoredUploads(fingerprint: string): Promise<void> {
  const storage = defaultOptions.urlStorage;
  for (const entry of await storage.findUploadsByFingerprint(fingerprint)) await storage.removeUpload(entry.urlStorageKey);
}

/** How far the server got with a remembered upload: bytes stored, or gone (expired, removed, not ours). */
export type StoredProgress = { state: 'partial' | 'complete'; offset: number; length: number } | { state: 'gone' } | { state: 'unknown' };

export async function storedUploadProgress(uploadUrl: string, signal?: AbortSignal): Promise<StoredProgress> {
  let res: Response;
  try {
    res = await fetch(uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' }, credentials: 'same-origin', cache: 'no-store', signal: signal ?? null });
  } catch {
    return { state: 'unknown' };
  }
  if (res.status === 404 || res.status === 410) return { state: 'gone' };
  if (!res.ok) return { state: 'unknown' };
  const offset = Number(res.headers.get('Upload-Offset'));
  const length = Number(res.headers.get('Upload-Length'));
  if (!Number.isFinite(offset) || !Number.isFinite(length)) return { state: 'unknown' };
  return { state: offset === length ? 'complete' : 'partial', offset, length };
}

/** Ends a remembered upload on the server (tus termination) and forgets it here. */
export async function discardStoredUpload(stored: StoredUpload): Promise<void> {
  try {
    await fetch(stored.uploadUrl, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' }, credentials: 'same-origin' });
  } finally {
    await forgetStoredUploads(stored.fingerprint);
  }
}
