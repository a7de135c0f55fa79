import { INLINE_TYPES } from './content-type.js';
import type { AttachmentRecord } from './files.repository.js';
import type { Attachment } from './files.schemas.js';

export function presentAttachment(a: AttachmentRecord): Attachment {
  const download = a.scanStatus === 'clean' || a.scanStatus === 'skipped';
  return {
    id: a.id,
    caseId: a.caseId,
    fileName: a.fileName,
    size: a.size,
    sha256: a.sha256,
    contentType: a.contentType,
    declaredType: a.declaredType,
    visibility: a.visibility,
    scanStatus: a.scanStatus,
    scanResult: a.scanStatus === 'infected' || a.scanStatus === 'skipped' ? a.scanResult : null,
    uploadedBy: { userId: a.uploaderUserId, name: a.uploaderName, kind: a.uploaderKind },
    createdAt: a.createdAt,
    contentUrl: `/api/v1/attachments/${a.id}/content`,
    abilities: { download, inline: download && INLINE_TYPES.includes(a.contentType) },
  };
}
