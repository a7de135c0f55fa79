import { z } from 'zod';

/**
 * Case attachments as the API returns them; the web imports these (no server-only imports here).
 *
 * Uploads use tus 1.0 at `/api/v1/uploads` (creation, termination, expiration). Metadata
 * (`Upload-Metadata`): `caseId` and `filename` required, `filetype` optional, `visibility`
 * (`public` | `internal`, staff only) optional. A release file (staff who manage releases) names
 * `releaseId`, `platform` (`windows` | `macos` | `linux`) and `arch` (`x64` | `arm64`) instead of
 * `caseId`. The response to the PATCH that completes an upload (and to a HEAD on a completed one)
 * carries `Attachment-Id` (the attachment's or the release file's id) and `Attachment-Sha256`.
 */
export const ATTACHMENT_VISIBILITIES = ['public', 'internal'] as const;
export const SCAN_STATUSES = ['clean', 'infected', 'pending', 'skipped', 'failed'] as const;
export type AttachmentVisibility = (typeof ATTACHMENT_VISIBILITIES)[number];
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Response headers of a completed upload (exposed to the browser). */
export const UPLOAD_RESULT_HEADERS = { attachmentId: 'Attachment-Id', sha256: 'Attachment-Sha256' } as const;

/** The metadata keys a tus client sends with `Upload-Metadata`. */
export const uploadMetadataSchema = z.object({
  caseId: z.string().min(1).max(100),
  filename: z.string().min(1).max(1000),
  filetype: z.string().max(255).optional(),
  visibility: z.enum(ATTACHMENT_VISIBILITIES).optional(),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** From the file's first bytes; the type the browser declared is only a hint. */
  contentType: z.string(),
  declaredType: z.string().nullable(),
  visibility: z.enum(ATTACHMENT_VISIBILITIES),
  scanStatus: z.enum(SCAN_STATUSES),
  /** The signature found (infected) or why the file was not scanned (skipped). */
  scanResult: z.string().nullable(),
  uploadedBy: z.object({ userId: z.string().nullable(), name: z.string().nullable(), kind: z.enum(['customer', 'staff']) }),
  createdAt: z.string(),
  contentUrl: z.string(),
  abilities: z.object({ download: z.boolean(), inline: z.boolean() }),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  data: z.array(attachmentSchema),
  upload: z.object({
    /** May add files to this case now (customers: while it is open). */
    allowed: z.boolean(),
    maxFileBytes: z.number().int(),
    /** What still fits: the smaller of the per-file maximum and the account's free quota. */
    remainingBytes: z.number().int(),
    visibilities: z.array(z.enum(ATTACHMENT_VISIBILITIES)),
    /** The tus endpoint. */
    endpoint: z.string(),
  }),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

export const contentQuery = z.object({
  /** `inline` shows raster images (PNG, JPEG, GIF, WebP) in the browser; anything else is always a download. */
  disposition: z.enum(['attachment', 'inline']).default('attachment'),
});
