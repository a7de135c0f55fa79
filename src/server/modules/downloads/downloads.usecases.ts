import { can, type CustomerActor } from '../../app/auth/actor.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { recordAuditEvent } from '../../app/audit.js';
import { createError } from '../../app/errors.js';
import type { AppDeps } from '../../app/types.js';
import { canViewKey, type KeyActor, keyListScope } from '../keys/keys.policy.js';
import { updateHintsFor } from './update-hints.js';
import { compareVersions } from '../keys/key-format.js';
import { checkLink, signLink } from './download-links.js';
import { type Coverage, downloadScope, needsManagedGroups, releaseCoverage } from './downloads.policy.js';
import { type ArtifactRecord, createDownloadsRepository, type EntitlingKey, type ReleaseRecord } from './downloads.repository.js';

export const artifactNotFound = createError({ code: 'download.not_found', status: 404, message: 'Download not found' });
export const notCovered = createError({ code: 'download.not_covered', status: 403, message: "Your product keys' maintenance does not cover this release" });
export const linkExpired = createError({ code: 'download.link_expired', status: 403, message: 'This download link has expired; ask for a new one on the downloads page' });
export const linkInvalid = createError({ code: 'download.link_invalid', status: 403, message: 'This download link is not valid for you' });
export const noSignature = createError({ code: 'download.no_signature', status: 404, message: 'This file has no signature file' });

export const ARTIFACT_ID = /^art_[0-9a-z]{26}$/;

/** Newest first: by publication, then by version (two releases published the same second). */
export function newestFirst(a: ReleaseRecord, b: ReleaseRecord): number {
  const byDate = (b.publishedAt ?? b.createdAt).localeCompare(a.publishedAt ?? a.createdAt);
  return byDate !== 0 ? byDate : compareVersions(b.version, a.version);
}

export interface DownloadRelease {
  release: ReleaseRecord;
  coverage: Coverage;
  artifacts: ArtifactRecord[];
  /** For an uncovered release: the key whose maintenance to renew, if the actor may see it (the keys page's renewal request). */
  renewalKeyId: string | null;
}

/** The key to renew for a product: the one with the latest maintenance end among those the actor sees on the keys page. */
function renewalKey(ka: KeyActor, keys: readonly EntitlingKey[]): string | null {
  const visible = keys.filter((k) => canViewKey(ka, k)).sort((a, b) => (b.maintenanceEnd ?? '').localeCompare(a.maintenanceEnd ?? ''));
  return visible[0]?.id ?? null;
}

/**
 * The downloads page: every product the actor may download (a key of it in their download scope),
 * each with its published releases newest first, their files, and whether the actor's keys cover
 * each release (else why not).
 */
export async function listDownloads({ deps, ka }: { deps: AppDeps; ka: KeyActor }) {
  const repo = createDownloadsRepository({ db: deps.db });
  const keys = await repo.entitlingKeys(downloadScope(ka));
  const productIds = [...new Set(keys.map((k) => k.productId))];
  const [products, releases] = await Promise.all([repo.products(productIds), repo.releasesOf(productIds, { publishedOnly: true })]);
  const artifacts = await repo.artifactsOf(releases.map((r) => r.id));
  return {
    products: products.map((p) => {
      const productKeys = keys.filter((k) => k.productId === p.id);
      return {
        product: p,
        keyCount: productKeys.length,
        releases: releases
          .filter((r) => r.productId === p.id)
          .sort(newestFirst)
          .map((release): DownloadRelease => {
            const coverage = releaseCoverage(productKeys, release.publishedAt!);
            return { release, coverage, artifacts: artifacts.filter((a) => a.releaseId === release.id), renewalKeyId: coverage.covered ? null : renewalKey(ka, productKeys) };
          }),
      };
    }),
  };
}

/**
 * A published artifact of a product the actor may download, or 404 (another product, a draft, an
 * unknown or malformed id: nothing is revealed). With `requireCoverage`, a release the actor's
 * keys do not cover is 403 with the reason.
 */
export async function getDownloadableArtifact({ deps, ka, artifactId, requireCoverage }: { deps: AppDeps; ka: KeyActor; artifactId: string; requireCoverage: boolean }) {
  if (!ARTIFACT_ID.test(artifactId)) throw artifactNotFound();
  const repo = createDownloadsRepository({ db: deps.db });
  const artifact = await repo.findArtifact(artifactId);
  const release = artifact ? await repo.findRelease(artifact.releaseId) : null;
  if (!artifact || !release?.publishedAt) throw artifactNotFound();
  const keys: EntitlingKey[] = await repo.entitlingKeys(downloadScope(ka), release.productId);
  if (!keys.length) throw artifactNotFound();
  const coverage = releaseCoverage(keys, release.publishedAt);
  if (requireCoverage && !coverage.covered) {
    throw notCovered({ detail: coverage.reason === 'maintenance_ended' ? `Maintenance ended on ${coverage.maintenanceEnd!.slice(0, 10)}, before this release was published` : 'None of your keys includes maintenance for releases after it was issued' });
  }
  return { artifact, release, coverage };
}

/** A signed link to the file, for this user in this account, valid for DOWNLOAD_LINK_SECONDS (≤ 5 min). Entitlement is checked here and again on the fetch. */
export async function issueDownloadLink({ deps, ka, artifactId }: { deps: AppDeps; ka: KeyActor; artifactId: string }) {
  const { artifact } = await getDownloadableArtifact({ deps, ka, artifactId, requireCoverage: true });
  const { linkSecret, linkSeconds } = deps.config.downloads;
  const { expires, sig } = signLink(linkSecret, { artifactId: artifact.id, userId: ka.actor.userId, accountId: ka.actor.accountId }, { seconds: linkSeconds });
  return {
    url: `/api/v1/downloads/${artifact.id}/content?expires=${expires}&sig=${sig}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

/** The fetch: the link must be this user's, unexpired and untouched, and the entitlement must still hold. */
export async function authorizeFetch({ deps, ka, artifactId, link }: { deps: AppDeps; ka: KeyActor; artifactId: string; link: { expires: number; sig: string } }) {
  if (!ARTIFACT_ID.test(artifactId)) throw artifactNotFound();
  const { linkSecret, linkSeconds } = deps.config.downloads;
  const check = checkLink(linkSecret, { artifactId, userId: ka.actor.userId, accountId: ka.actor.accountId }, link, { maxSeconds: linkSeconds });
  if (check === 'invalid') throw linkInvalid();
  if (check === 'expired') throw linkExpired();
  return getDownloadableArtifact({ deps, ka, artifactId, requireCoverage: true });
}

/** Records a download in the account's activity (who, what, from where). */
export async function recordDownload({ deps, ka, artifact, release, ip, range }: { deps: AppDeps; ka: KeyActor; artifact: ArtifactRecord; release: ReleaseRecord; ip: string; range: { start: number; end: number } | null }) {
  await recordAuditEvent(deps.db, {
    accountId: ka.actor.accountId, actorUserId: ka.actor.userId, action: 'download.fetched', targetType: 'release_artifact', targetId: artifact.id, ip,
    data: {
      product: release.productName, version: release.version, channel: release.channel, fileName: artifact.fileName, platform: artifact.platform, arch: artifact.arch,
      size: artifact.size, ...(range ? { rangeStart: range.start, rangeEnd: range.end } : {}),
    },
  });
}

/**
 * The dashboard's update hints: keys the actor sees (the keys module's scope) that run an older
 * version than the newest stable/LTS release their maintenance covers, most behind first.
 */
export async function listUpdateHints({ deps, ka, limit }: { deps: AppDeps; ka: KeyActor; limit: number }) {
  const keys = await createDownloadsRepository({ db: deps.db }).keysWithVersion(keyListScope(ka), 1000);
  const hints = await updateHintsFor(deps.db, keys);
  const behind = keys
    .map((key) => ({ key, hint: hints.get(key.id) ?? null }))
    .filter((x): x is { key: (typeof keys)[number]; hint: NonNullable<typeof x.hint> } => x.hint !== null)
    .sort((a, b) => b.hint.behind - a.hint.behind || a.key.productName.localeCompare(b.key.productName));
  return { total: behind.length, items: behind.slice(0, limit) };
}

/** `sha256sum` format: the checksum, two spaces, the file name. */
export const sha256sumLine = (a: ArtifactRecord): string => `${a.sha256}  ${a.fileName}\n`;

/** Whether a customer may download anything at all (the navigation shows Downloads then): the flag, or an active key in their scope. */
export async function mayDownloadAnything({ deps, actor }: { deps: Pick<AppDeps, 'db'>; actor: CustomerActor & { accountId: string } }): Promise<boolean> {
  if (can(actor, 'use:downloads')) return true;
  const managedGroupIds = needsManagedGroups(actor) ? await createKeyGroupsRepository({ db: deps.db }).managedBy(actor.userId, actor.accountId) : [];
  return (await createDownloadsRepository({ db: deps.db }).entitlingKeys(downloadScope({ actor, managedGroupIds }))).length > 0;
}
