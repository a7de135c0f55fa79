import type { Db } from '../../app/db.js';
import { prepared } from '../../app/prepared.js';
import type { ArtifactArch, ArtifactPlatform } from '../../db/schema.js';
import { compareVersions } from '../keys/key-format.js';
import { LIVE } from '../keys/live.js';
import { keyCoversRelease } from './downloads.policy.js';
import type { ArtifactRecord, ReleaseRecord } from './downloads.repository.js';
import type { UpdateHint } from './downloads.schemas.js';

/** What a hint needs of a key: its product, the version it last ran, and its maintenance. */
export interface HintKey {
  id: string;
  productId: string;
  lastUsedVersion: string | null;
  maintenanceEnd: string | null;
  createdAt: string;
  status: string;
}

/** The platform and architecture an activation's OS text names ("Windows 11 Pro", "macOS 15 (arm64)", "Ubuntu 24.04 aarch64"), if any. */
export function platformOf(os: string | null): { platform: ArtifactPlatform; arch: ArtifactArch } | null {
  if (!os) return null;
  const arch: ArtifactArch = /\b(arm64|aarch64|apple silicon|arm)\b/i.test(os) ? 'arm64' : 'x64';
  if (/windows|\bwin\d*\b/i.test(os)) return { platform: 'windows', arch };
  if (/mac\s?os|darwin|os x/i.test(os)) return { platform: 'macos', arch };
  if (/linux|ubuntu|debian|fedora|red hat|rhel|suse|centos|alpine|rocky|alma/i.test(os)) return { platform: 'linux', arch };
  return null;
}

const STEADY = new Set(['stable', 'lts']);

/** What a hint reads of a release and of a file. */
type HintRelease = Pick<ReleaseRecord, 'id' | 'productId' | 'version' | 'channel' | 'publishedAt'>;
type HintArtifact = Pick<ArtifactRecord, 'id' | 'releaseId' | 'platform' | 'arch' | 'fileName'>;

/**
 * The published stable and LTS releases of some products, and the files of some releases: only the
 * columns a hint needs, built once per list length. The repository's full rows (notes, product
 * names, storage columns) cost three times as much on every key list page.
 */
const steadyReleases = prepared((db, p: { productIds: string[] }) =>
  db
    .selectFrom('releases')
    .select(['id', 'product_id', 'version', 'channel', 'published_at'])
    .where('product_id', 'in', p.productIds)
    .where('published_at', 'is not', null)
    .where('channel', 'in', ['stable', 'lts']),
);
const releaseFiles = prepared((db, p: { releaseIds: string[] }) =>
  db.selectFrom('release_artifacts').select(['id', 'release_id', 'platform', 'arch', 'file_name']).where('release_id', 'in', p.releaseIds),
);

/**
 * The OS of each key's most recently seen live machine: one index entry per key (SQLite keeps live
 * machines by key and last-seen, migration 0012), not every activation the key ever had.
 */
const lastMachineOs = prepared((db, p: { keyIds: string[] }) =>
  db
    .selectFrom('product_keys as k')
    .where('k.id', 'in', p.keyIds)
    .select((eb) => [
      'k.id',
      eb.selectFrom('activations as a').select('a.os').whereRef('a.key_id', '=', 'k.id').where('a.status', '=', LIVE).orderBy('a.last_seen_at', 'desc').limit(1).as('os'),
    ]),
);

/**
 * "N versions behind" for one key: the newest stable or LTS release its maintenance covers,
 * against the version the key last ran; N counts the published stable/LTS releases of the product
 * after that version up to and including the newest. Null when the key is up to date, has never
 * reported a version, or is not active. The file is the one for the platform it last ran on.
 */
export function updateHintFor(key: HintKey, releases: readonly HintRelease[], artifacts: readonly HintArtifact[], lastOs: string | null): UpdateHint | null {
  if (key.status !== 'active' || !key.lastUsedVersion) return null;
  const steady = releases.filter((r) => r.productId === key.productId && r.publishedAt && STEADY.has(r.channel));
  const entitled = steady.filter((r) => keyCoversRelease(key, r.publishedAt!));
  const latest = entitled.reduce<HintRelease | null>((best, r) => (!best || compareVersions(r.version, best.version) > 0 ? r : best), null);
  if (!latest || compareVersions(latest.version, key.lastUsedVersion) <= 0) return null;
  const behind = steady.filter((r) => compareVersions(r.version, key.lastUsedVersion!) > 0 && compareVersions(r.version, latest.version) <= 0).length;
  const files = artifacts.filter((a) => a.releaseId === latest.id);
  const want = platformOf(lastOs);
  const artifact = want ? (files.find((a) => a.platform === want.platform && a.arch === want.arch) ?? files.find((a) => a.platform === want.platform) ?? null) : null;
  return {
    behind,
    latest: { releaseId: latest.id, version: latest.version, channel: latest.channel, publishedAt: latest.publishedAt! },
    artifact: artifact ? { id: artifact.id, fileName: artifact.fileName, platform: artifact.platform, arch: artifact.arch } : null,
  };
}

/** Update hints for a page of keys: a few queries for all of them (releases and files of their products, each key's last OS). */
export async function updateHintsFor(db: Db, keys: readonly HintKey[]): Promise<Map<string, UpdateHint | null>> {
  const out = new Map<string, UpdateHint | null>();
  const relevant = keys.filter((k) => k.status === 'active' && k.lastUsedVersion);
  for (const k of keys) out.set(k.id, null);
  if (!relevant.length) return out;
  const releases: HintRelease[] = (await steadyReleases.execute(db, { productIds: [...new Set(relevant.map((k) => k.productId))] })).map((r) => ({
    id: r.id, productId: r.product_id, version: r.version, channel: r.channel, publishedAt: r.published_at,
  }));
  if (!releases.length) return out;
  // In file-name order, so that of two files for one platform the same is offered every time.
  const artifacts: HintArtifact[] = (await releaseFiles.execute(db, { releaseIds: releases.map((r) => r.id) }))
    .map((a) => ({ id: a.id, releaseId: a.release_id, platform: a.platform, arch: a.arch, fileName: a.file_name }))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  // The file to offer depends on the OS the key last ran on: asked only for the keys that are
  // behind and whose newest release has files (usually a few of a page, often none).
  const withFiles = new Set(artifacts.map((a) => a.releaseId));
  const behind = relevant.filter((k) => {
    const hint = updateHintFor(k, releases, artifacts, null);
    out.set(k.id, hint);
    return hint !== null && withFiles.has(hint.latest.releaseId);
  });
  if (!behind.length) return out;
  const machines = await lastMachineOs.execute(db, { keyIds: behind.map((k) => k.id) });
  const lastOs = new Map(machines.map((m) => [m.id, m.os ?? null]));
  for (const k of behind) out.set(k.id, updateHintFor(k, releases, artifacts, lastOs.get(k.id) ?? null));
  return out;
}
