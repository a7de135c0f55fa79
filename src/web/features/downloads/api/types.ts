/** The release centre as the API presents it (src/server/modules/downloads/downloads.schemas.ts). */
export type Platform = 'windows' | 'macos' | 'linux';
export type Arch = 'x64' | 'arm64';
export type Channel = 'stable' | 'preview' | 'lts';

export type Artifact = {
  id: string;
  platform: Platform;
  arch: Arch;
  fileName: string;
  size: number;
  sha256: string;
  sha256Url: string;
  signature: { fileName: string; size: number; url: string } | null;
};

export type Coverage =
  | { covered: true }
  | { covered: false; reason: 'maintenance_ended' | 'no_maintenance'; maintenanceEnd: string | null };

export type DownloadRelease = {
  id: string;
  version: string;
  channel: Channel;
  publishedAt: string;
  notes: string;
  notesHtml: string;
  coverage: Coverage;
  artifacts: Artifact[];
  renewalKeyId: string | null;
  abilities: { download: boolean; requestRenewal: boolean };
};

export type DownloadProduct = {
  product: { id: string; code: string; name: string };
  keyCount: number;
  releases: DownloadRelease[];
};

export const downloadsRoot = (accountId: string) => ['account', accountId, 'downloads'] as const;
