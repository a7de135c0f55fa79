import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import type { AttachmentVisibility, Database, ScanStatus } from '../../db/schema.js';

type UploadRow = Database['uploads'];
type AttachmentRowDb = Database['attachments'];

const toUpload = (r: Selectable<UploadRow>) => ({
  id: r.id,
  uploaderUserId: r.uploader_user_id,
  uploaderKind: r.uploader_kind,
  accountId: r.account_id,
  caseId: r.case_id,
  target: r.target,
  releaseId: r.release_id,
  platform: r.platform,
  arch: r.arch,
  /** The attachment (target case) or release artifact (target artifact) the upload becomes. */
  attachmentId: r.attachment_id,
  fileName: r.file_name,
  declaredType: r.declared_type,
  visibility: r.visibility,
  length: Number(r.length),
  offset: Number(r.offset_bytes),
  storage: r.storage,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  completedAt: r.completed_at,
});
export type UploadRecord = ReturnType<typeof toUpload>;

const toAttachment = (r: AttachmentRowDb & { uploader_name?: string | null }) => ({
  id: r.id,
  caseId: r.case_id,
  accountId: r.account_id,
  uploaderUserId: r.uploader_user_id,
  uploaderName: r.uploader_name ?? null,
  uploaderKind: r.uploader_kind,
  uploadId: r.upload_id,
  fileName: r.file_name,
  size: Number(r.size),
  sha256: r.sha256,
  declaredType: r.declared_type,
  contentType: r.content_type,
  storage: r.storage,
  storageKey: r.storage_key,
  visibility: r.visibility,
  scanStatus: r.scan_status,
  scanResult: r.scan_result,
  scannedAt: r.scanned_at,
  createdAt: r.created_at,
});
export type AttachmentRecord = ReturnType<typeof toAttachment>;

export function createFilesRepository({ db }: { db: Db }) {
  return {
    async findUpload(id: string): Promise<UploadRecord | null> {
      const r = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUpload(r) : null;
    },

    async insertUpload(trx: Db, u: Omit<Insertable<UploadRow>, 'offset_bytes' | 'completed_at' | 'updated_at'>) {
      await trx.insertInto('uploads').values({ ...u, offset_bytes: 0, completed_at: null, updated_at: u.created_at }).execute();
    },

    async setOffset(id: string, offset: number) {
      await db.updateTable('uploads').set({ offset_bytes: offset, updated_at: nowIso() }).where('id', '=', id).where('completed_at', 'is', null).execute();
    },

    /** Marks the upload complete unless someone did already; true for the one caller that did. */
    async markCompleted(trx: Db, id: string, at: string) {
      const res = await trx
        .updateTable('uploads')
        .set((eb) => ({ completed_at: at, updated_at: at, offset_bytes: eb.ref('length') }))
        .where('id', '=', id)
        .where('completed_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async deleteUpload(id: string) {
      await db.deleteFrom('uploads').where('id', '=', id).execute();
    },

    /**
     * Bytes the account holds or has reserved: its attachments (quarantined ones too, they take
     * space until staff deletes them) and the declared lengths of its unfinished uploads.
     */
    async accountUsage(trx: Db, accountId: string): Promise<number> {
      const a = await trx.selectFrom('attachments').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      const u = await trx
        .selectFrom('uploads')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('length'), eb.lit(0)).as('n'))
        .where('account_id', '=', accountId)
        .where('completed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(a.n) + Number(u.n);
    },

    /** Unfinished uploads past their expiry, and finished ones whose rows are kept no longer. */
    async expiredUploads(now: string, limit = 200) {
      const rows = await db.selectFrom('uploads').selectAll().where('expires_at', '<', now).orderBy('expires_at').limit(limit).execute();
      return rows.map(toUpload);
    },

    async existingUploadIds(ids: readonly string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await db.selectFrom('uploads').select('id').where('id', 'in', [...ids]).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Unfinished uploads whose bytes all arrived (a process died before it could finish them). */
    async fullButUnfinished(limit = 50) {
      const rows = await db
        .selectFrom('uploads')
        .selectAll()
        .where('completed_at', 'is', null)
        .whereRef('offset_bytes', '=', 'length')
        .limit(limit)
        .execute();
      return rows.map(toUpload);
    },

    async insertAttachment(trx: Db, a: AttachmentRowDb) {
      await trx.insertInto('attachments').values(a).execute();
    },

    async findAttachment(id: string): Promise<AttachmentRecord | null> {
      const r = await db
        .selectFrom('attachments as a')
        .leftJoin('users as u', 'u.id', 'a.uploader_user_id')
        .selectAll('a')
        .select('u.name as uploader_name')
        .where('a.id', '=', id)
        .executeTakeFirst();
      return r ? toAttachment(r) : null;
    },

    async findAttachmentByUpload(uploadId: string): Promise<AttachmentRecord | null> {
      const r = await db.selectFrom('attachments').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
      return r ? toAttachment(r) : null;
    },

    /** A case's attachments, oldest first; customers get the public ones only. */
    async listForCase(caseId: string, { includeInternal }: { includeInternal: boolean }) {
      const rows = await db
        .selectFrom('attachments as a')
        .leftJoin('users as u', 'u.id', 'a.uploader_user_id')
        .selectAll('a')
        .select('u.name as uploader_name')
        .where('a.case_id', '=', caseId)
        .$if(!includeInternal, (b) => b.where('a.visibility', '=', 'public'))
        .orderBy('a.created_at')
        .orderBy('a.id')
        .limit(1000)
        .execute();
      return rows.map(toAttachment);
    },

    async setScanResult(trx: Db, id: string, r: { status: ScanStatus; result: string | null; storageKey?: string }) {
      await trx
        .updateTable('attachments')
        .set({ scan_status: r.status, scan_result: r.result, scanned_at: nowIso(), ...(r.storageKey ? { storage_key: r.storageKey } : {}) })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type FilesRepository = ReturnType<typeof createFilesRepository>;
export type { AttachmentVisibility };
