import { z } from 'zod';

/** The release centre as the API returns it; the web imports these (no server-only imports here). */
export const RELEASE_CHANNELS = ['stable', 'preview', 'lts'] as const;
export const PLATFORMS = ['windows', 'macos', 'linux'] as const;
export const ARCHS = ['x64', 'arm64'] as const;
export type ReleaseChannel = (typeof RELEASE_CHANNELS)[number];
export type Platform = (typeof PLATFORMS)[number];
export type Arch = (typeof ARCHS)[number];

export const artifactSchema = z.object({
  id: z.string(),
  platform: z.enum(PLATFORMS),
  arch: z.enum(ARCHS),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The checksum in `sha256sum` format (GET). */
  sha256Url: z.string(),
  /** The detached signature file (GET), when the release has one for this file. */
  signature: z.object({ fileName: z.string(), size: z.number().int(), url: z.string() }).nullable(),
});
export type Artifact = z.infer<typeof artifactSchema>;

export const coverageSchema = z.discriminatedUnion('covered', [
  z.object({ covered: z.literal(true) }),
  z.object({
    covered: z.literal(false),
    /** maintenance_ended: the latest maintenance end of the user's keys came before the release; no_maintenance: no key has maintenance. */
    reason: z.enum(['maintenance_ended', 'no_maintenance']),
    maintenanceEnd: z.string().nullable(),
  }),
]);
export type Coverage = z.infer<typeof coverageSchema>;

export const downloadReleaseSchema = z.object({
  id: z.string(),
  version: z.string(),
  channel: z.enum(RELEASE_CHANNELS),
  publishedAt: z.string(),
  notes: z.string(),
  /** The notes as sanitised HTML (raw HTML escaped, no scripting links, no remote images). */
  notesHtml: z.string(),
  coverage: coverageSchema,
  artifacts: z.array(artifactSchema),
  /** For an uncovered release: the key whose renewal to request (POST /api/v1/keys/:keyId/renewal-request), when you may see it on the keys page; null: open a Kundendienst case. */
  renewalKeyId: z.string().nullable(),
  abilities: z.object({ download: z.boolean(), requestRenewal: z.boolean() }),
});
export type DownloadRelease = z.infer<typeof downloadReleaseSchema>;

export const downloadsSchema = z.object({
  data: z.array(
    z.object({
      product: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      /** How many of the user's active keys are of this product. */
      keyCount: z.number().int(),
      releases: z.array(downloadReleaseSchema),
    }),
  ),
});
export type Downloads = z.infer<typeof downloadsSchema>;

export const downloadLinkSchema = z.object({ data: z.object({ url: z.string(), expiresAt: z.string() }) });

export const artifactParams = z.object({ artifactId: z.string().min(1).max(100) });

export const contentQuery = z.object({
  expires: z.coerce.number().int().nonnegative().max(2 ** 40),
  sig: z.string().min(1).max(200),
});

/** What a key's update hint says: how many stable/LTS releases it is behind the newest one it may have, and the file to fetch. */
export const updateHintSchema = z.object({
  behind: z.number().int().nonnegative(),
  latest: z.object({ releaseId: z.string(), version: z.string(), channel: z.enum(RELEASE_CHANNELS), publishedAt: z.string() }),
  /** The file for the platform the key was last used on (else null: pick on the downloads page). */
  artifact: z.object({ id: z.string(), fileName: z.string(), platform: z.enum(PLATFORMS), arch: z.enum(ARCHS) }).nullable(),
});
export type UpdateHint = z.infer<typeof updateHintSchema>;
