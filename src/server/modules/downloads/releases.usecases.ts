import { type Actor, ensureAuthenticated, ensureCan, type StaffActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, isUniqueViolation, nowIso } from '../../app/db.js';
import { preconditionFailed } from '../../app/etag.js';
import { createError, errors } from '../../app/errors.js';
import { newId } from '../../app/ids.js';
import { enqueueJob } from '../../app/jobs.js';
import type { Locale } from '../../app/mail-templates.js';
import { queueMail } from '../../app/mail.js';
import type { AppDeps } from '../../app/types.js';
import type { ReleaseChannel } from '../../db/schema.js';
import { filesService } from '../files/files.usecases.js';
import { artifactSignatureKey } from '../files/storage.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { compareVersions } from '../keys/key-format.js';
import type { CustomerRole } from '../../app/auth/permissions.js';
import { permissionsForMembership } from '../../app/auth/permissions.js';
import { toBool } from '../../app/db.js';
import { parsePrefs } from '../users/users.repository.js';
import { downloadScope, releaseCoverage } from './downloads.policy.js';
import { createDownloadsRepository, type ReleaseRecord } from './downloads.repository.js';
import { ARTIFACT_ID } from './downloads.usecases.js';
import { releaseMails } from './release-mails.js';

export const releaseNotFound = createError({ code: 'release.not_found', status: 404, message: 'Release not found' });
const artifactNotFound = createError({ code: 'release.artifact_not_found', status: 404, message: 'File not found in this release' });
const versionTaken = createError({ code: 'release.version_taken', status: 409, message: 'This product has a release with this version' });
const alreadyPublished = createError({ code: 'release.published', status: 409, message: 'The release is published; unpublish it first' });
const notPublished = createError({ code: 'release.not_published', status: 409, message: 'The release is not published' });
const noArtifacts = createError({ code: 'release.no_artifacts', status: 409, message: 'A release needs at least one file before it is published' });

/** Staff who manage releases (release managers, staff admins); customers never learn these routes exist (404). */
export function ensureReleaseManager(actor: Actor): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'manage:releases');
  return actor;
}

const RELEASE_ID = /^rel_[0-9a-z]{26}$/;

export async function getRelease(deps: AppDeps, releaseId: string): Promise<ReleaseRecord> {
  const r = RELEASE_ID.test(releaseId) ? await createDownloadsRepository({ db: deps.db }).findRelease(releaseId) : null;
  if (!r) throw releaseNotFound();
  return r;
}

/** Every product with all its releases (drafts included), newest first, and their files. */
export async function listReleasesForStaff({ deps, productId }: { deps: AppDeps; productId?: string }) {
  const repo = createDownloadsRepository({ db: deps.db });
  let q = deps.db.selectFrom('products').select(['id', 'code', 'name']).orderBy('name').orderBy('id');
  if (productId) q = q.where('id', '=', productId);
  const products = await q.limit(500).execute();
  const releases = await repo.releasesOf(products.map((p) => p.id), { publishedOnly: false });
  const artifacts = await repo.artifactsOf(releases.map((r) => r.id));
  return { products, releases, artifacts };
}

/** A draft release: a version of a product on a channel, with its notes. Nothing is visible to customers until it is published. */
export async function createRelease({ deps, actor, input, ip }: { deps: AppDeps; actor: StaffActor; input: { productId: string; version: string; channel: ReleaseChannel; notes: string }; ip: string }) {
  const product = await deps.db.selectFrom('products').select(['id', 'name']).where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw errors.validation({ errors: [{ path: 'body.productId', code: 'unknown_product', message: 'No such product' }] });
  const id = newId('rel');
  try {
    await deps.db.transaction().execute(async (trx) => {
      const now = nowIso();
      await createDownloadsRepository({ db: trx }).insertRelease(trx, {
        id, product_id: product.id, version: input.version, channel: input.channel, notes: input.notes, published_at: null, created_by_user_id: actor.userId, created_at: now, updated_at: now,
      });
      await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.created', targetType: 'release', targetId: id, data: { product: product.name, version: input.version, channel: input.channel }, ip });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw versionTaken();
    throw err;
  }
  return getRelease(deps, id);
}

/** Notes, channel or version (If-Match). A published release keeps its version: customers and keys refer to it. */
export async function updateRelease({
  deps, actor, releaseId, expectedRevision, patch, ip,
}: { deps: AppDeps; actor: StaffActor; releaseId: string; expectedRevision: number; patch: { notes?: string; channel?: ReleaseChannel; version?: string }; ip: string }) {
  const r = await getRelease(deps, releaseId);
  if (r.revision !== expectedRevision) throw preconditionFailed();
  if (patch.version !== undefined && patch.version !== r.version && r.publishedAt) throw alreadyPublished();
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await createDownloadsRepository({ db: trx }).updateRelease(trx, r.id, expectedRevision, patch))) throw preconditionFailed();
      if (r.publishedAt) await syncLatestVersion(trx, r.productId);
      await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.updated', targetType: 'release', targetId: r.id, data: { product: r.productName, version: patch.version ?? r.version, fields: Object.keys(patch) }, ip });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw versionTaken();
    throw err;
  }
  return getRelease(deps, r.id);
}

/**
 * Keeps the product's latest version (shown beside a key's last used version) with the release
 * centre: the newest published stable or LTS release. A version staff set by hand that no release
 * carries stays while it is newer; a release taken back stops counting.
 */
async function syncLatestVersion(trx: Db, productId: string) {
  const releases = await trx.selectFrom('releases').select(['version', 'channel', 'published_at']).where('product_id', '=', productId).execute();
  const newest = releases
    .filter((x) => x.published_at && (x.channel === 'stable' || x.channel === 'lts'))
    .reduce<string | null>((best, x) => (!best || compareVersions(x.version, best) > 0 ? x.version : best), null);
  const { latest_version: current } = await trx.selectFrom('products').select('latest_version').where('id', '=', productId).executeTakeFirstOrThrow();
  const byHand = current !== null && !releases.some((x) => x.version === current);
  const next = byHand && (!newest || compareVersions(current, newest) > 0) ? current : newest;
  if (next !== current) await trx.updateTable('products').set({ latest_version: next, updated_at: nowIso() }).where('id', '=', productId).execute();
}

/**
 * Publishes a release: customers whose keys cover it can download it from now on. With `notify`,
 * a job tells the customers who opted in to release mails (through the outbox).
 */
export async function publishRelease({ deps, actor, releaseId, expectedRevision, notify, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; expectedRevision: number; notify: boolean; ip: string }) {
  const r = await getRelease(deps, releaseId);
  if (r.revision !== expectedRevision) throw preconditionFailed();
  if (r.publishedAt) throw alreadyPublished();
  const repo = createDownloadsRepository({ db: deps.db });
  if (!(await repo.artifactsOf([r.id])).length) throw noArtifacts();
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await createDownloadsRepository({ db: trx }).updateRelease(trx, r.id, expectedRevision, { published_at: at }))) throw preconditionFailed();
    await syncLatestVersion(trx, r.productId);
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.published', targetType: 'release', targetId: r.id, data: { product: r.productName, version: r.version, channel: r.channel, notify }, ip });
    if (notify) await enqueueJob(trx, { kind: 'release.notify', payload: { releaseId: r.id }, maxAttempts: 5 });
  });
  return getRelease(deps, r.id);
}

/** Takes a release back: customers no longer see or download it (links already issued stop working too). */
export async function unpublishRelease({ deps, actor, releaseId, expectedRevision, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; expectedRevision: number; ip: string }) {
  const r = await getRelease(deps, releaseId);
  if (r.revision !== expectedRevision) throw preconditionFailed();
  if (!r.publishedAt) throw notPublished();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await createDownloadsRepository({ db: trx }).updateRelease(trx, r.id, expectedRevision, { published_at: null }))) throw preconditionFailed();
    await syncLatestVersion(trx, r.productId);
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.unpublished', targetType: 'release', targetId: r.id, data: { product: r.productName, version: r.version }, ip });
  });
  return getRelease(deps, r.id);
}

/** Deletes a draft and its files. Published releases are unpublished first (customers may have it). */
export async function deleteRelease({ deps, actor, releaseId, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; ip: string }) {
  const r = await getRelease(deps, releaseId);
  if (r.publishedAt) throw alreadyPublished();
  const repo = createDownloadsRepository({ db: deps.db });
  const artifacts = await repo.artifactsOf([r.id]);
  await deps.db.transaction().execute(async (trx) => {
    await createDownloadsRepository({ db: trx }).deleteRelease(trx, r.id);
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.deleted', targetType: 'release', targetId: r.id, data: { product: r.productName, version: r.version, files: artifacts.length }, ip });
  });
  const { storage } = filesService(deps);
  for (const a of artifacts) {
    await storage.remove(a.storageKey);
    if (a.signatureStorageKey) await storage.remove(a.signatureStorageKey);
  }
}

async function getArtifactOf(deps: AppDeps, releaseId: string, artifactId: string) {
  const r = await getRelease(deps, releaseId);
  const a = ARTIFACT_ID.test(artifactId) ? await createDownloadsRepository({ db: deps.db }).findArtifact(artifactId) : null;
  if (!a || a.releaseId !== r.id) throw artifactNotFound();
  return { release: r, artifact: a };
}

/** Removes a file from a draft (a published release keeps its files: customers verify them by checksum). */
export async function removeArtifact({ deps, actor, releaseId, artifactId, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; artifactId: string; ip: string }) {
  const { release: r, artifact: a } = await getArtifactOf(deps, releaseId, artifactId);
  if (r.publishedAt) throw alreadyPublished();
  await deps.db.transaction().execute(async (trx) => {
    await createDownloadsRepository({ db: trx }).deleteArtifact(trx, a.id);
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.artifact_removed', targetType: 'release', targetId: r.id, data: { artifactId: a.id, fileName: a.fileName }, ip });
  });
  const { storage } = filesService(deps);
  await storage.remove(a.storageKey);
  if (a.signatureStorageKey) await storage.remove(a.signatureStorageKey);
}

export const MAX_SIGNATURE_BYTES = 64 * 1024;

/** Stores (or replaces) the detached signature file of an artifact (`.sig`, `.asc`, `.minisig`, …): small, written in one piece. */
export async function setSignature({ deps, actor, releaseId, artifactId, fileName, body, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; artifactId: string; fileName: string; body: Buffer; ip: string }) {
  const { release: r, artifact: a } = await getArtifactOf(deps, releaseId, artifactId);
  const key = artifactSignatureKey(a.id);
  await filesService(deps).storage.write(key, body);
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(body).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    await createDownloadsRepository({ db: trx }).setSignature(trx, a.id, { fileName, storageKey: key, size: body.length, sha256 });
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.signature_added', targetType: 'release', targetId: r.id, data: { artifactId: a.id, fileName, size: body.length }, ip });
  });
}

export async function removeSignature({ deps, actor, releaseId, artifactId, ip }: { deps: AppDeps; actor: StaffActor; releaseId: string; artifactId: string; ip: string }) {
  const { release: r, artifact: a } = await getArtifactOf(deps, releaseId, artifactId);
  if (!a.signatureStorageKey) throw artifactNotFound({ detail: 'This file has no signature' });
  await deps.db.transaction().execute(async (trx) => {
    await createDownloadsRepository({ db: trx }).setSignature(trx, a.id, null);
    await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'release.signature_removed', targetType: 'release', targetId: r.id, data: { artifactId: a.id, fileName: a.signatureFileName }, ip });
  });
  await filesService(deps).storage.remove(a.signatureStorageKey);
}

/**
 * The job behind "notify customers": one mail per opted-in user whose download scope holds an
 * active key of the product that covers the release, in their language, all queued in one
 * transaction: a job that fails half-way queued nothing and its retry starts afresh.
 */
export async function notifyReleasePublished({ deps, releaseId }: { deps: AppDeps; releaseId: string }): Promise<{ sent: number }> {
  const repo = createDownloadsRepository({ db: deps.db });
  const r = await repo.findRelease(releaseId);
  if (!r?.publishedAt) return { sent: 0 };
  const groups = createKeyGroupsRepository({ db: deps.db });
  const candidates = (await repo.releaseMailRecipients(r.productId)).filter((c) => parsePrefs(c.notification_prefs).releaseNotes);
  const recipients: { email: string; name: string; locale: Locale; accountId: string }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    const permissions = permissionsForMembership({ role: c.role as CustomerRole, caseAdmin: false, billing: false, downloads: toBool(c.downloads) });
    const actor = { kind: 'customer' as const, userId: c.id, sessionId: '', accountId: c.account_id, role: c.role as CustomerRole, caseAdmin: false, billing: false, downloads: toBool(c.downloads), permissions };
    const managedGroupIds = c.role === 'key_manager' ? await groups.managedBy(c.id, c.account_id) : [];
    const keys = await repo.entitlingKeys(downloadScope({ actor, managedGroupIds }), r.productId);
    if (!keys.length || !releaseCoverage(keys, r.publishedAt).covered) continue;
    seen.add(c.id);
    recipients.push({ email: c.email, name: c.name, locale: (c.locale ?? (c.account_locale === 'en' ? 'en' : 'de')) as Locale, accountId: c.account_id });
  }
  const url = `${deps.config.publicUrl}/downloads`;
  const unsubscribeUrl = `${deps.config.publicUrl}/account`;
  await deps.db.transaction().execute(async (trx) => {
    for (const p of recipients) {
      const mail = releaseMails.published(p.locale, { to: p.email, name: p.name, productName: r.productName, version: r.version, channel: r.channel, url, unsubscribeUrl });
      await queueMail(trx, { mail, accountId: p.accountId, deliver: deps.mailer.delivers });
    }
  });
  return { sent: recipients.length };
}
