import { renderMarkdown } from '../../app/markdown.js';
import type { ArtifactRecord } from './downloads.repository.js';
import type { DownloadRelease } from './downloads.usecases.js';

export function presentArtifact(a: ArtifactRecord) {
  return {
    id: a.id,
    platform: a.platform,
    arch: a.arch,
    fileName: a.fileName,
    size: a.size,
    sha256: a.sha256,
    sha256Url: `/api/v1/downloads/${a.id}/sha256`,
    signature: a.signatureFileName && a.signatureSize !== null ? { fileName: a.signatureFileName, size: a.signatureSize, url: `/api/v1/downloads/${a.id}/signature` } : null,
  };
}

/** A release on the downloads page; an uncovered release carries its reason and the renewal ability, never a download. */
export function presentDownloadRelease({ release: r, coverage, artifacts, renewalKeyId }: DownloadRelease) {
  return {
    id: r.id,
    version: r.version,
    channel: r.channel,
    publishedAt: r.publishedAt!,
    notes: r.notes,
    notesHtml: renderMarkdown(r.notes),
    coverage,
    artifacts: artifacts.map(presentArtifact),
    /** The key whose renewal to request (POST /api/v1/keys/:keyId/renewal-request); null: open a Kundendienst case instead. */
    renewalKeyId,
    abilities: { download: coverage.covered, requestRenewal: !coverage.covered },
  };
}
