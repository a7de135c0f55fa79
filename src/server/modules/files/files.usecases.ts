import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ERRORS, Upload } from '@tus/utils';
import { recordAuditEvent } from '../../app/audit.js';
import type { Config } from '../../app/config.js';
import { lockAccountRow, nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { enqueueJob } from '../../app/jobs.js';
import { newId } from '../../app/ids.js';
import type { AppDeps } from '../../app/types.js';
import type { AttachmentVisibility } from '../../db/schema.js';
import { notify } from '../cases/case-notifications.js';
import { createCasesRepository, type CaseRecord } from '../cases/cases.repository.js';
import { caseNotFound, caseNotOpen } from '../cases/cases.usecases.js';
import { detectContentType, SNIFF_BYTES } from './content-type.js';
import { DbLocker, pruneUploadLocks } from './db-locker.js';
import { type AttachmentRecord, createFilesRepository, type UploadRecord } from './files.repository.js';
import { actorUserId, canSeeAttachment, canUploadArtifacts, canSeeCase, type FileActor, uploadDecision, visibilitiesFor } from './files.policy.js';
import { HashingStore } from './hashing-store.js';
import { artifactKey, attachmentKey, createFileStorage, type FileStorage, quarantineKey } from './storage.js';
import { addArtifact } from '../downloads/artifacts.js';
import { createDownloadsRepository } from '../downloads/downloads.repository.js';
import { scanFile } from './virus-scan.js';

export const fileTooLarge = createError({ code: 'upload.too_large', status: 413, message: 'The file is larger than the largest file Portico accepts' });
export const quotaExceeded = createError({ code: 'upload.quota_exceeded', status: 413, message: "The file does not fit into your account's storage quota" });
export const uploadNotFound = createError({ code: 'upload.not_found', status: 404, message: 'Upload not found' });
export const uploadCompleted = createError({ code: 'upload.completed', status: 409, message: 'This upload is complete; it is an attachment of the case now' });
export const attachmentNotFound = createError({ code: 'attachment.not_found', status: 404, message: 'Attachment not found' });
export const attachmentQuarantined = createError({ code: 'attachment.quarantined', status: 403, message: 'The virus scan found malware in this file; it is quarantined and cannot be downloaded' });
export const attachmentScanPending = createError({ code: 'attachment.scan_pending', status: 409, message: 'The file is being checked for viruses; try again in a moment' });
export const attachmentScanFailed = createError({ code: 'attachment.scan_failed', status: 409, message: 'The virus scan of this file failed; support has been told' });
const rangeNotSatisfiable = createError({ code: 'attachment.range_not_satisfiable', status: 416, message: 'The requested range is outside the file' });

const metaError = (path: string, code: string, message: string) => errors.validation({ errors: [{ path: `metadata.${path}`, code, message }] });

export const UPLOAD_ID = /^upl_[0-9a-z]{26}$/;
export const ATTACHMENT_ID = /^att_[0-9a-z]{26}$/;

/** Everything the files module keeps per configuration: storage, the hashing tus store, the locker. */
export interface FilesService {
  deps: AppDeps;
  storage: FileStorage;
  store: HashingStore;
  locker: DbLocker;
}

const services = new WeakMap<Config, FilesService>();

/** The one files service of this configuration (app and worker share it). */
export function filesService(deps: AppDeps): FilesService {
  let svc = services.get(deps.config);
  if (svc) return svc;
  const storage = createFileStorage(deps.config.files);
  const repo = createFilesRepository({ db: deps.db });
  const store = new HashingStore(storage.tusStore, {
    written: (id, offset) => repo.setOffset(id, offset),
    async completed(id) {
      const u = await repo.findUpload(id);
      return u?.completedAt ? new Upload({ id, size: u.length, offset: u.length, creation_date: u.createdAt }) : null;
    },
  });
  const locker = new DbLocker(deps.db, { leaseMs: deps.config.files.lockLeaseMs });
  svc = { deps, storage, store, locker };
  services.set(deps.config, svc);
  return svc;
}

export function closeFilesService(config: Config): void {
  services.get(config)?.storage.close();
  services.delete(config);
}

/* ---------- names and metadata ---------- */

/**
 * The file name as people will see and download it: the last path segment only (`../../x` is
 * `x`), Unicode NFC, no control characters, at most 255 characters. Refused when nothing is left.
 */
export function cleanFileName(raw: string | null | undefined): string {
  if (raw == null) throw metaError('filename', 'required', 'Name the file (metadata "filename")');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw metaError('filename', 'invalid', 'The file name contains control characters');
  const base = raw.normalize('NFC').split(/[/\\]/).pop()!.trim();
  if (!base || base === '.' || base === '..') throw metaError('filename', 'invalid', 'The file name is empty or only a path');
  if ([...base].length > 255) throw metaError('filename', 'too_long', 'The file name is longer than 255 characters');
  return base;
}

function cleanDeclaredType(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const t = raw.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(t) ? t : null;
}

const casesRepo = (deps: AppDeps) => createCasesRepository({ db: deps.db, dialect: deps.dialect });

/** The case named by an upload, if the actor may add files to it: else a field error (not visible) or 409 (closed). */
async function uploadTarget(deps: AppDeps, fa: FileActor, caseId: string | null | undefined): Promise<CaseRecord> {
  if (!caseId) throw metaError('caseId', 'required', 'Name the case (metadata "caseId")');
  const c = caseId.length <= 100 ? await casesRepo(deps).find(caseId) : null;
  const decision = c ? uploadDecision(fa, c) : 'not_found';
  if (decision === 'not_found') throw metaError('caseId', 'unknown_case', 'No such case');
  if (decision === 'not_open') throw caseNotOpen();
  return c!;
}

export interface NewUploadInput {
  length: number;
  metadata: Record<string, string | null>;
}

/**
 * Registers a tus upload before any byte is stored: the uploader may add files to the case, the
 * length is within the per-file maximum and the account's quota (checked and reserved in one
 * transaction, so two uploads cannot both take the last free space), the name is clean.
 */
export async function createUpload({ deps, fa, input }: { deps: AppDeps; fa: FileActor; input: NewUploadInput }): Promise<UploadRecord> {
  if (input.metadata.releaseId !== undefined && input.metadata.caseId === undefined) return createArtifactUpload({ deps, fa, input });
  const { files } = deps.config;
  const c = await uploadTarget(deps, fa, input.metadata.caseId);
  const fileName = cleanFileName(input.metadata.filename ?? input.metadata.name);
  const visibility = (input.metadata.visibility ?? 'public') as AttachmentVisibility;
  if (!visibilitiesFor(fa).includes(visibility)) throw metaError('visibility', 'invalid', `Allowed: ${visibilitiesFor(fa).join(', ')}`);
  if (input.length > files.maxFileBytes) throw fileTooLarge({ detail: `The largest file Portico accepts has ${files.maxFileBytes} bytes` });
  const id = newId('upl');
  const now = new Date();
  const repo = createFilesRepository({ db: deps.db });
  await deps.db.transaction().execute(async (trx) => {
    // Staff files count towards the account's usage but are never refused by its quota.
    if (fa.kind === 'customer') {
      await lockAccountRow(trx, deps.dialect, c.accountId);
      const used = await repo.accountUsage(trx, c.accountId);
      if (used + input.length > files.accountQuotaBytes) {
        throw quotaExceeded({ detail: `Your account holds ${used} of ${files.accountQuotaBytes} bytes; this file has ${input.length}` });
      }
    }
    await repo.insertUpload(trx, {
      id, uploader_user_id: actorUserId(fa), uploader_kind: fa.kind, account_id: c.accountId, case_id: c.id, attachment_id: newId('att'),
      file_name: fileName, declared_type: cleanDeclaredType(input.metadata.filetype ?? input.metadata.type), visibility, length: input.length,
      storage: deps.config.files.storage.kind, created_at: now.toISOString(), expires_at: new Date(now.getTime() + files.expiryMs).toISOString(),
    });
  });
  return (await repo.findUpload(id))!;
}

const PLATFORMS = ['windows', 'macos', 'linux'] as const;
const ARCHS = ['x64', 'arm64'] as const;

/**
 * A release artifact upload (metadata `releaseId`, `platform`, `arch`, `filename`): staff who
 * manage releases only; no customer account and so no quota, the per-file maximum still holds.
 * Everyone else learns nothing about releases: the same field error as an unknown release.
 */
async function createArtifactUpload({ deps, fa, input }: { deps: AppDeps; fa: FileActor; input: NewUploadInput }): Promise<UploadRecord> {
  const { files } = deps.config;
  const releaseId = input.metadata.releaseId;
  const release = canUploadArtifacts(fa) && releaseId && releaseId.length <= 100 ? await createDownloadsRepository({ db: deps.db }).findRelease(releaseId) : null;
  if (!release) throw metaError('releaseId', 'unknown_release', 'No such release');
  const platform = input.metadata.platform as (typeof PLATFORMS)[number];
  if (!PLATFORMS.includes(platform)) throw metaError('platform', 'invalid', `One of: ${PLATFORMS.join(', ')}`);
  const arch = input.metadata.arch as (typeof ARCHS)[number];
  if (!ARCHS.includes(arch)) throw metaError('arch', 'invalid', `One of: ${ARCHS.join(', ')}`);
  const fileName = cleanFileName(input.metadata.filename ?? input.metadata.name);
  if (input.length > files.maxFileBytes) throw fileTooLarge({ detail: `The largest file Portico accepts has ${files.maxFileBytes} bytes` });
  const taken = await deps.db.selectFrom('release_artifacts').select('id').where('release_id', '=', release.id).where('file_name', '=', fileName).executeTakeFirst();
  const pending = await deps.db.selectFrom('uploads').select('id').where('release_id', '=', release.id).where('file_name', '=', fileName).where('completed_at', 'is', null).executeTakeFirst();
  if (taken || pending) throw metaError('filename', 'taken', 'The release has a file of this name (or one is being uploaded)');
  const id = newId('upl');
  const now = new Date();
  const repo = createFilesRepository({ db: deps.db });
  await repo.insertUpload(deps.db, {
    id, uploader_user_id: actorUserId(fa), uploader_kind: 'staff', account_id: null, case_id: null, target: 'artifact', release_id: release.id, platform, arch,
    attachment_id: newId('art'), file_name: fileName, declared_type: cleanDeclaredType(input.metadata.filetype ?? input.metadata.type), visibility: 'internal',
    length: input.length, storage: files.storage.kind, created_at: now.toISOString(), expires_at: new Date(now.getTime() + files.expiryMs).toISOString(),
  });
  return (await repo.findUpload(id))!;
}

/** The actor's own upload, or 404 (another user's upload does not exist for them). */
export async function getOwnUpload({ deps, fa, uploadId }: { deps: AppDeps; fa: FileActor; uploadId: string }): Promise<UploadRecord> {
  if (!UPLOAD_ID.test(uploadId)) throw uploadNotFound();
  const u = await createFilesRepository({ db: deps.db }).findUpload(uploadId);
  if (!u || u.uploaderUserId !== actorUserId(fa)) throw uploadNotFound();
  return u;
}

/** Before more bytes are taken: the uploader may still add files to the case (access can be lost mid-upload). */
export async function ensureMayContinue(deps: AppDeps, fa: FileActor, u: UploadRecord): Promise<void> {
  if (u.target === 'artifact') {
    if (!canUploadArtifacts(fa) || !(await createDownloadsRepository({ db: deps.db }).findRelease(u.releaseId!))) throw uploadNotFound();
    return;
  }
  const c = await casesRepo(deps).find(u.caseId!);
  const decision = c ? uploadDecision(fa, c) : 'not_found';
  if (decision === 'not_found') throw uploadNotFound();
  if (decision === 'not_open') throw caseNotOpen();
}

/* ---------- completion ---------- */

async function sha256Of(stream: Readable): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(stream, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
}

async function headOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= SNIFF_BYTES) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
}

/** Where a finished upload's bytes live: the attachment's or the release artifact's key. */
const resultKey = (u: UploadRecord) => (u.target === 'artifact' ? artifactKey(u.attachmentId) : attachmentKey(u.attachmentId));

/** What a finished upload became: its id and SHA-256 (the tus responses carry both). */
export interface UploadResult {
  id: string;
  sha256: string;
}

/** The attachment or artifact a finished upload became, or null while it is unfinished. */
export async function findUploadResult(deps: AppDeps, uploadId: string): Promise<UploadResult | null> {
  const a = await createFilesRepository({ db: deps.db }).findAttachmentByUpload(uploadId);
  if (a) return { id: a.id, sha256: a.sha256 };
  const r = await createDownloadsRepository({ db: deps.db }).findArtifactByUpload(uploadId);
  return r ? { id: r.id, sha256: r.sha256 } : null;
}

/** True when all bytes of the upload are stored (in the tus area, or already moved to its attachment key). */
export async function isUploadFull(svc: FilesService, u: UploadRecord): Promise<boolean> {
  if ((await svc.storage.size(resultKey(u))) === u.length) return true;
  try {
    const info = await svc.store.getUpload(u.id);
    return info.size === u.length && info.offset === u.length;
  } catch {
    return false;
  }
}

/**
 * Turns a complete upload into an attachment of its case: SHA-256 (from the hash taken while
 * the bytes streamed in, or one streaming pass over the stored file when this process did not see
 * them all), the type from the first bytes, the file moved out of the tus area to its permanent
 * key, then — in one transaction — the attachment row, the timeline entry, the audit event and
 * the notification (or the virus-scan job). Idempotent: a second call (a retried PATCH, a HEAD
 * after a crash, another process) finds the work done and returns the same attachment. Runs
 * under the upload's lock, so two processes never move or hash the same upload at once.
 */
export async function finalizeUpload({ svc, uploadId }: { svc: FilesService; uploadId: string }): Promise<UploadResult> {
  const { deps, storage, store } = svc;
  const repo = createFilesRepository({ db: deps.db });
  const lock = svc.locker.newLock(uploadId);
  await lock.lock(new AbortController().signal, () => {});
  try {
    const u = await repo.findUpload(uploadId);
    if (!u) throw uploadNotFound();
    if (u.completedAt) {
      const done = await findUploadResult(deps, u.id);
      if (done) return done;
    }
    const key = resultKey(u);
    let digest = store.takeDigest(u.id, u.length);
    if ((await storage.size(key)) !== u.length) {
      const info = await store.inner.getUpload(u.id);
      if (info.offset !== u.length || info.size !== u.length) throw Object.assign(new Error('upload is not complete'), { status_code: 409, body: 'Upload is not complete\n' });
      // The hash of a file that is still in the tus area, when this process did not see all its bytes.
      digest ??= await sha256Of(await storage.readUpload(u.id, u.length));
      await storage.moveUpload(u.id, key, u.length);
    }
    digest ??= await sha256Of(await storage.read(key));
    if (u.target === 'artifact') {
      const at = nowIso();
      await deps.db.transaction().execute(async (trx) => {
        if (!(await repo.markCompleted(trx, u.id, at))) return;
        await addArtifact(trx, { upload: u, sha256: digest!, storage: storage.kind, storageKey: key, at });
      });
      await storage.removeUploadLeftovers(u.id).catch(() => {});
      return (await findUploadResult(deps, u.id))!;
    }
    const contentType = u.length === 0 ? 'application/x-empty' : detectContentType(await headOf(await storage.read(key, { start: 0, end: Math.min(u.length, SNIFF_BYTES) - 1 })));
    const scanning = deps.config.files.scan.kind !== 'off';
    const at = nowIso();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.markCompleted(trx, u.id, at))) return;
      const cases = createCasesRepository({ db: trx, dialect: deps.dialect });
      await repo.insertAttachment(trx, {
        id: u.attachmentId, case_id: u.caseId!, account_id: u.accountId!, uploader_user_id: u.uploaderUserId, uploader_kind: u.uploaderKind, upload_id: u.id,
        file_name: u.fileName, size: u.length, sha256: digest!, declared_type: u.declaredType, content_type: contentType, storage: storage.kind, storage_key: key,
        visibility: u.visibility, scan_status: scanning ? 'pending' : 'skipped', scan_result: scanning ? null : 'scanning is off', scanned_at: null, created_at: at,
      });
      await cases.addEvent(trx, {
        caseId: u.caseId!, actorUserId: u.uploaderUserId, kind: 'attachment_added', visibility: u.visibility,
        data: { attachmentId: u.attachmentId, fileName: u.fileName, size: u.length, sha256: digest },
      });
      await cases.update(trx, u.caseId!, null, { last_activity_at: at }, { bump: false });
      const c = (await cases.find(u.caseId!))!;
      await recordAuditEvent(trx, {
        // Internal files are staff-only: no account id, so they never show in the customer's activity.
        accountId: u.visibility === 'internal' ? null : u.accountId, actorUserId: u.uploaderUserId, action: 'attachment.added', targetType: 'case', targetId: u.caseId,
        data: { number: c.number, attachmentId: u.attachmentId, fileName: u.fileName, size: u.length, visibility: u.visibility },
      });
      if (scanning) await enqueueJob(trx, { kind: 'attachment.scan', payload: { attachmentId: u.attachmentId }, maxAttempts: 5 });
      else await notifyAdded(trx, deps, c, u.uploaderUserId, u.uploaderKind, { fileName: u.fileName, size: u.length, sha256: digest!, visibility: u.visibility });
    });
    await storage.removeUploadLeftovers(u.id).catch(() => {});
    const a = (await repo.findAttachmentByUpload(u.id))!;
    return { id: a.id, sha256: a.sha256 };
  } finally {
    await lock.unlock();
  }
}

async function notifyAdded(trx: AppDeps['db'], deps: AppDeps, c: CaseRecord, userId: string | null, kind: 'customer' | 'staff', file: { fileName: string; size: number; sha256: string; visibility: AttachmentVisibility }) {
  const name = userId ? ((await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? '') : '';
  await notify.attachmentAdded(trx, deps, c, { userId, name, kind }, file);
}

/* ---------- virus scan ---------- */

/**
 * The scan job: clean (or too large to scan) → available, and support is told; infected → moved
 * to quarantine, never downloadable, a timeline entry and a mail tell the uploader. A scanner
 * that keeps failing leaves the file `failed` (not downloadable) after the job's last attempt.
 */
export async function scanAttachment({ svc, attachmentId, final }: { svc: FilesService; attachmentId: string; final: boolean }): Promise<void> {
  const { deps, storage } = svc;
  const repo = createFilesRepository({ db: deps.db });
  const a = await repo.findAttachment(attachmentId);
  if (a?.scanStatus !== 'pending') return;
  let verdict: Awaited<ReturnType<typeof scanFile>>;
  try {
    verdict = await scanFile(deps.config.files.scan, a.size, () => storage.read(a.storageKey));
  } catch (err) {
    if (!final) throw err;
    await deps.db.transaction().execute(async (trx) => {
      await repo.setScanResult(trx, a.id, { status: 'failed', result: (err as Error).message.slice(0, 500) });
      await createCasesRepository({ db: trx, dialect: deps.dialect }).addEvent(trx, {
        caseId: a.caseId, actorUserId: null, kind: 'attachment_scan_failed', visibility: 'internal', data: { attachmentId: a.id, fileName: a.fileName },
      });
    });
    return;
  }
  if (verdict.status === 'infected') {
    const to = quarantineKey(a.id);
    await storage.move(a.storageKey, to, a.size);
    await deps.db.transaction().execute(async (trx) => {
      const cases = createCasesRepository({ db: trx, dialect: deps.dialect });
      await repo.setScanResult(trx, a.id, { status: 'infected', result: verdict.signature, storageKey: to });
      await cases.addEvent(trx, {
        caseId: a.caseId, actorUserId: null, kind: 'attachment_quarantined', visibility: a.visibility,
        data: { attachmentId: a.id, fileName: a.fileName, signature: verdict.signature },
      });
      const c = (await cases.find(a.caseId))!;
      await recordAuditEvent(trx, {
        accountId: a.visibility === 'internal' ? null : a.accountId, actorUserId: null, action: 'attachment.quarantined', targetType: 'case', targetId: a.caseId,
        data: { number: c.number, attachmentId: a.id, fileName: a.fileName, signature: verdict.signature },
      });
      if (a.uploaderUserId) await notify.attachmentQuarantined(trx, deps, c, a.uploaderUserId, { fileName: a.fileName, signature: verdict.signature });
    });
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.setScanResult(trx, a.id, { status: verdict.status === 'clean' ? 'clean' : 'skipped', result: verdict.status === 'skipped' ? verdict.reason : null });
    const c = (await createCasesRepository({ db: trx, dialect: deps.dialect }).find(a.caseId))!;
    await notifyAdded(trx, deps, c, a.uploaderUserId, a.uploaderKind, { fileName: a.fileName, size: a.size, sha256: a.sha256, visibility: a.visibility });
  });
}

/* ---------- cleanup ---------- */

/**
 * The cleanup job: finishes uploads whose bytes all arrived but whose process died before it
 * could finish them, removes expired unfinished uploads (bytes and rows) and the rows of finished
 * ones past their expiry, and — on local storage — files in the tus area that no row knows. It
 * only ever deletes in the tus area: attachments (and quarantined files) are never touched.
 */
export async function cleanupUploads({ svc, now = new Date() }: { svc: FilesService; now?: Date }) {
  const { deps, storage, store } = svc;
  const repo = createFilesRepository({ db: deps.db });
  let finished = 0;
  let removed = 0;
  for (const u of await repo.fullButUnfinished()) {
    if (u.expiresAt < now.toISOString()) continue;
    try {
      await finalizeUpload({ svc, uploadId: u.id });
      finished++;
    } catch {
      // Tried again at the next run, or by the client's next HEAD.
    }
  }
  for (const u of await repo.expiredUploads(now.toISOString())) {
    if (!u.completedAt) {
      store.forget(u.id);
      await storage.tusStore.remove(u.id).catch((err) => {
        if (err !== ERRORS.FILE_NOT_FOUND && err?.status_code !== 404 && err?.status_code !== 410) throw err;
      });
      removed++;
    }
    await storage.removeUploadLeftovers(u.id);
    await repo.deleteUpload(u.id);
  }
  if (storage.listUploadIds) {
    const cutoff = now.getTime() - deps.config.files.expiryMs;
    const entries = (await storage.listUploadIds()).filter((e) => e.modifiedAt.getTime() < cutoff);
    const known = await repo.existingUploadIds(entries.map((e) => e.id));
    for (const e of entries) {
      if (known.has(e.id)) continue;
      await storage.removeUploadLeftovers(e.id);
      removed++;
    }
  }
  await pruneUploadLocks(deps.db, new Date(now.getTime() - 3_600_000).toISOString());
  return { finished, removed };
}

/* ---------- reading ---------- */

/** An attachment the actor may see, with its case; else 404. */
export async function getVisibleAttachment({ deps, fa, attachmentId }: { deps: AppDeps; fa: FileActor; attachmentId: string }) {
  if (!ATTACHMENT_ID.test(attachmentId)) throw attachmentNotFound();
  const a = await createFilesRepository({ db: deps.db }).findAttachment(attachmentId);
  const c = a ? await casesRepo(deps).find(a.caseId) : null;
  if (!a || !c || !canSeeAttachment(fa, c, a)) throw attachmentNotFound();
  return { attachment: a, kase: c };
}

/** The attachments of a case the actor sees, with what the actor may upload to it. */
export async function listCaseAttachments({ deps, fa, caseId }: { deps: AppDeps; fa: FileActor; caseId: string }) {
  const c = await casesRepo(deps).find(caseId);
  if (!c || !canSeeCase(fa, c)) throw caseNotFound();
  const repo = createFilesRepository({ db: deps.db });
  const attachments = await repo.listForCase(c.id, { includeInternal: fa.kind === 'staff' });
  const { files } = deps.config;
  const usage = await repo.accountUsage(deps.db, c.accountId);
  const allowed = uploadDecision(fa, c) === 'allowed';
  return {
    kase: c,
    attachments,
    upload: {
      allowed,
      maxFileBytes: files.maxFileBytes,
      /** Staff are not held to the account's quota. */
      remainingBytes: fa.kind === 'staff' ? files.maxFileBytes : Math.max(0, Math.min(files.maxFileBytes, files.accountQuotaBytes - usage)),
      visibilities: visibilitiesFor(fa),
    },
  };
}

/** Why an attachment cannot be downloaded, if it cannot. */
export function ensureDownloadable(a: AttachmentRecord): void {
  if (a.scanStatus === 'infected') throw attachmentQuarantined();
  if (a.scanStatus === 'pending') throw attachmentScanPending({ headers: { 'retry-after': '10' } });
  if (a.scanStatus === 'failed') throw attachmentScanFailed();
}

/**
 * A single byte range from a Range header (`bytes=a-b`, `bytes=a-`, `bytes=-n`), or null for the
 * whole file (no header, several ranges, or another unit: a server may ignore those). 416 when the
 * range lies outside the file.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw rangeNotSatisfiable({ headers: { 'content-range': `bytes */${size}` } });
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
  }
  if (start >= size || size === 0) throw rangeNotSatisfiable({ headers: { 'content-range': `bytes */${size}` } });
  return { start, end };
}

/** RFC 6266: an ASCII fallback in `filename=` and the exact name, UTF-8 percent-encoded, in `filename*=`. */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export { canSeeCase };
