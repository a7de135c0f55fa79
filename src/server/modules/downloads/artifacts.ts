import { recordAuditEvent } from '../../app/audit.js';
import type { Db } from '../../app/db.js';
import type { StorageKind } from '../../db/schema.js';
import type { UploadRecord } from '../files/files.repository.js';
import { createDownloadsRepository } from './downloads.repository.js';

/**
 * Records a finished artifact upload as a file of its release, with its audit event (staff-side:
 * no account), in the caller's transaction. Called by the files module when a tus upload whose
 * target is a release artifact completes.
 */
export async function addArtifact(trx: Db, { upload: u, sha256, storage, storageKey, at }: { upload: UploadRecord; sha256: string; storage: StorageKind; storageKey: string; at: string }) {
  await createDownloadsRepository({ db: trx }).insertArtifact(trx, {
    id: u.attachmentId, release_id: u.releaseId!, platform: u.platform!, arch: u.arch!, file_name: u.fileName, size: u.length, sha256, storage, storage_key: storageKey,
    signature_file_name: null, signature_storage_key: null, signature_size: null, signature_sha256: null, upload_id: u.id, uploader_user_id: u.uploaderUserId, created_at: at,
  });
  await recordAuditEvent(trx, {
    accountId: null, actorUserId: u.uploaderUserId, action: 'release.artifact_added', targetType: 'release', targetId: u.releaseId,
    data: { artifactId: u.attachmentId, fileName: u.fileName, platform: u.platform, arch: u.arch, size: u.length, sha256 },
  });
}
