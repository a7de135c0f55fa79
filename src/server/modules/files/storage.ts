import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand,
  AbortMultipartUploadCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { type DataStore, ERRORS } from '@tus/utils';
import type { FilesConfig } from '../../app/config.js';
import type { StorageKind } from '../../db/schema.js';

/**
 * Where the bytes live. Two areas per backend: the tus area (unfinished uploads, named by the
 * upload id) and permanent keys (`attachments/<att id>`, `quarantine/<att id>`). A finished upload
 * is moved from the first to the second; nothing outside these keys is ever read or written.
 */
export interface FileStorage {
  kind: StorageKind;
  /** The tus data store for the upload area. */
  tusStore: DataStore;
  /** Bytes of a permanent key, or null when it does not exist. */
  size(key: string): Promise<number | null>;
  /** A stream of `[start, end]` (inclusive) of a permanent key, or the whole object. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Local storage only: the open file of a permanent key, for serving it without a stream (serve.ts). */
  open?(key: string): Promise<fsp.FileHandle>;
  /** A stream of a finished upload in the tus area. */
  readUpload(uploadId: string, size: number): Promise<Readable>;
  /** Moves a finished upload out of the tus area to `key`; a no-op when that already happened. */
  moveUpload(uploadId: string, key: string, size: number): Promise<void>;
  /** Writes a small permanent object in one piece (detached signatures, demo artifacts); replaces it if present. */
  write(key: string, data: Buffer): Promise<void>;
  /** Removes a permanent object (a release file taken back); nothing when it is gone already. */
  remove(key: string): Promise<void>;
  /** Moves a permanent object (attachments/… → quarantine/…). */
  move(from: string, to: string, size: number): Promise<void>;
  /** Removes what tus keeps beside an upload's bytes (its info record) once the bytes moved. */
  removeUploadLeftovers(uploadId: string): Promise<void>;
  /** Ids in the tus area (local storage only: S3 uploads are found through their rows). */
  listUploadIds?(): Promise<{ id: string; modifiedAt: Date }[]>;
  close(): void;
}

const KEY = /^((attachments|quarantine)\/att_[0-9a-z]{26}|releases\/art_[0-9a-z]{26}(\.sig)?)$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Refusing storage key ${JSON.stringify(key)}`);
  return key;
}

export const attachmentKey = (attachmentId: string) => checkKey(`attachments/${attachmentId}`);
export const quarantineKey = (attachmentId: string) => checkKey(`quarantine/${attachmentId}`);
/** A release artifact's bytes, and its detached signature beside it. */
export const artifactKey = (artifactId: string) => checkKey(`releases/${artifactId}`);
export const artifactSignatureKey = (artifactId: string) => checkKey(`releases/${artifactId}.sig`);

function createLocalStorage(directory: string, expiryMs: number): FileStorage {
  const uploadsDir = path.join(directory, 'uploads');
  fs.mkdirSync(uploadsDir, { recursive: true });
  fs.mkdirSync(path.join(directory, 'attachments'), { recursive: true });
  fs.mkdirSync(path.join(directory, 'quarantine'), { recursive: true });
  fs.mkdirSync(path.join(directory, 'releases'), { recursive: true });
  const tusStore = new FileStore({ directory: uploadsDir, expirationPeriodInMilliseconds: expiryMs });
  const at = (key: string) => path.join(directory, checkKey(key));
  const uploadPath = (id: string) => {
    if (!/^upl_[0-9a-z]{26}$/.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(uploadsDir, id);
  };
  const size = async (key: string) => {
    try {
      return (await fsp.stat(at(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  async function rename(from: string, to: string) {
    try {
      await fsp.rename(from, to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system (a FILES_DIR mount per area): copy, then remove.
      await fsp.copyFile(from, `${to}.partial`);
      await fsp.rename(`${to}.partial`, to);
      await fsp.unlink(from);
    }
  }
  return {
    kind: 'local',
    tusStore,
    size,
    async read(key, range) {
      return fs.createReadStream(at(key), range ? { start: range.start, end: range.end, highWaterMark: 256 * 1024 } : { highWaterMark: 256 * 1024 });
    },
    async open(key) {
      return fsp.open(at(key), 'r');
    },
    async readUpload(uploadId) {
      return fs.createReadStream(uploadPath(uploadId), { highWaterMark: 256 * 1024 });
    },
    async moveUpload(uploadId, key, expected) {
      // Done before (a crash after the rename): only the source, if any, is left to remove.
      if ((await size(key)) === expected) await fsp.rm(uploadPath(uploadId), { force: true });
      else await rename(uploadPath(uploadId), at(key));
    },
    async write(key, data) {
      const to = at(key);
      await fsp.writeFile(`${to}.partial`, data);
      await fsp.rename(`${to}.partial`, to);
    },
    async remove(key) {
      await fsp.rm(at(key), { force: true });
    },
    async move(from, to, expected) {
      if ((await size(to)) === expected && (await size(from)) === null) return;
      await rename(at(from), at(to));
    },
    async removeUploadLeftovers(uploadId) {
      await fsp.rm(`${uploadPath(uploadId)}.json`, { force: true });
      await fsp.rm(uploadPath(uploadId), { force: true });
    },
    async listUploadIds() {
      const names = await fsp.readdir(uploadsDir);
      const ids = new Set(names.map((n) => n.replace(/\.json$/, '')).filter((n) => /^upl_[0-9a-z]{26}$/.test(n)));
      const out: { id: string; modifiedAt: Date }[] = [];
      for (const id of ids) {
        const stat = await fsp.stat(path.join(uploadsDir, id)).catch(() => fsp.stat(path.join(uploadsDir, `${id}.json`)).catch(() => null));
        if (stat) out.push({ id, modifiedAt: stat.mtime });
      }
      return out;
    },
    close() {},
  };
}

/** A single CopyObject handles up to 5 GiB; larger objects are copied part by part. */
const SINGLE_COPY_LIMIT = 5 * 1024 ** 3;

export function createS3Client(s: Extract<FilesConfig['storage'], { kind: 's3' }>): S3Client {
  const config: S3ClientConfig = {
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    // Ceph radosgw and other S3-compatible servers reject the SDK's default streaming checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
  };
  return new S3Client(config);
}

function createS3Storage(s: Extract<FilesConfig['storage'], { kind: 's3' }>, expiryMs: number, copyPartSize = 1024 ** 3, singleCopyLimit = SINGLE_COPY_LIMIT): FileStorage {
  const client = createS3Client(s);
  const Bucket = s.bucket;
  const clientConfig: S3ClientConfig & { bucket: string } = {
    bucket: Bucket,
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
  };
  const tusStore = new S3Store({ partSize: s.partSize, expirationPeriodInMilliseconds: expiryMs, s3ClientConfig: clientConfig });
  const uploadKey = (id: string) => {
    if (!/^upl_[0-9a-z]{26}$/.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return id;
  };
  async function headSize(Key: string) {
    try {
      return Number((await client.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength ?? 0);
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
  }
  /** Server-side copy: one request up to 5 GiB, else a multipart copy (UploadPartCopy). */
  async function copy(from: string, to: string, size: number) {
    const CopySource = `${Bucket}/${encodeURIComponent(from).replace(/%2F/g, '/')}`;
    if (size <= singleCopyLimit) {
      await client.send(new CopyObjectCommand({ Bucket, Key: to, CopySource }));
      return;
    }
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: to }));
    try {
      const parts = [];
      for (let start = 0, n = 1; start < size; start += copyPartSize, n++) {
        const end = Math.min(size, start + copyPartSize) - 1;
        const res = await client.send(new UploadPartCopyCommand({ Bucket, Key: to, UploadId, PartNumber: n, CopySource, CopySourceRange: `bytes=${start}-${end}` }));
        parts.push({ ETag: res.CopyPartResult?.ETag, PartNumber: n });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (err) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key: to, UploadId })).catch(() => {});
      throw err;
    }
  }
  async function get(Key: string, range?: { start: number; end: number }) {
    const res = await client.send(new GetObjectCommand({ Bucket, Key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    return res.Body as Readable;
  }
  return {
    kind: 's3',
    tusStore,
    size: (key) => headSize(checkKey(key)),
    read: (key, range) => get(checkKey(key), range),
    async readUpload(uploadId, size) {
      // A zero-byte multipart upload completes to an empty object; the SDK streams it like any other.
      if (size === 0) return (await import('node:stream')).Readable.from([]);
      return get(uploadKey(uploadId));
    },
    async moveUpload(uploadId, key, size) {
      checkKey(key);
      if ((await headSize(key)) !== size) await copy(uploadKey(uploadId), key, size);
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: uploadKey(uploadId) }] } }));
    },
    async write(key, data) {
      await client.send(new PutObjectCommand({ Bucket, Key: checkKey(key), Body: data, ContentLength: data.length }));
    },
    async remove(key) {
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: checkKey(key) }] } }));
    },
    async move(from, to, size) {
      checkKey(from);
      checkKey(to);
      if ((await headSize(to)) !== size) await copy(from, to, size);
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: from }] } }));
    },
    async removeUploadLeftovers(uploadId) {
      const id = uploadKey(uploadId);
      await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: `${id}.info` }, { Key: `${id}.part` }] } }));
    },
    close: () => client.destroy(),
  };
}

/** The storage the configuration names. */
export function createFileStorage(files: FilesConfig, options: { s3CopyPartSize?: number; s3SingleCopyLimit?: number } = {}): FileStorage {
  return files.storage.kind === 's3'
    ? createS3Storage(files.storage, files.expiryMs, options.s3CopyPartSize, options.s3SingleCopyLimit)
    : createLocalStorage(files.storage.directory, files.expiryMs);
}
