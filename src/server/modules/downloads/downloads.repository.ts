import type { Insertable, Selectable } from 'kysely';
import { type Db, nowIso } from '../../app/db.js';
import type { ArtifactArch, ArtifactPlatform, Database, ReleaseChannel } from '../../db/schema.js';
import type { KeyListScope } from '../keys/keys.policy.js';
import { keyScopeWhere } from '../keys/keys.repository.js';

export interface ReleaseRecord {
  id: string;
  productId: string;
  productName: string;
  productCode: string;
  version: string;
  channel: ReleaseChannel;
  notes: string;
  publishedAt: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArtifactRecord {
  id: string;
  releaseId: string;
  platform: ArtifactPlatform;
  arch: ArtifactArch;
  fileName: string;
  size: number;
  sha256: string;
  storage: 'local' | 's3';
  storageKey: string;
  signatureFileName: string | null;
  signatureStorageKey: string | null;
  signatureSize: number | null;
  signatureSha256: string | null;
  createdAt: string;
}

/** What the download rules need of a key: which product, until when its maintenance runs. */
export interface EntitlingKey {
  id: string;
  accountId: string;
  keyGroupId: string | null;
  assignedUserId: string | null;
  productId: string;
  maintenanceEnd: string | null;
  createdAt: string;
  lastUsedVersion: string | null;
}

const releaseBase = (db: Db) =>
  db
    .selectFrom('releases as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select(['r.id', 'r.product_id', 'p.name as product_name', 'p.code as product_code', 'r.version', 'r.channel', 'r.notes', 'r.published_at', 'r.revision', 'r.created_at', 'r.updated_at']);

type ReleaseRow = Awaited<ReturnType<ReturnType<typeof releaseBase>['execute']>>[number];
const toRelease = (r: ReleaseRow): ReleaseRecord => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  productCode: r.product_code,
  version: r.version,
  channel: r.channel,
  notes: r.notes,
  publishedAt: r.published_at,
  revision: Number(r.revision),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toArtifact = (r: Selectable<Database['release_artifacts']>): ArtifactRecord => ({
  id: r.id,
  releaseId: r.release_id,
  platform: r.platform,
  arch: r.arch,
  fileName: r.file_name,
  size: Number(r.size),
  sha256: r.sha256,
  storage: r.storage,
  storageKey: r.storage_key,
  signatureFileName: r.signature_file_name,
  signatureStorageKey: r.signature_storage_key,
  signatureSize: r.signature_size === null ? null : Number(r.signature_size),
  signatureSha256: r.signature_sha256,
  createdAt: r.created_at,
});

export function createDownloadsRepository({ db }: { db: Db }) {
  return {
    /**
     * The active keys in the scope (the keys module's own SQL scope, never a second version of it),
     * optionally of one product: what entitles a customer to download.
     */
    async entitlingKeys(scope: KeyListScope, productId?: string): Promise<EntitlingKey[]> {
      let q = db
        .selectFrom('product_keys as k')
        .select(['k.id', 'k.account_id', 'k.key_group_id', 'k.assigned_user_id', 'k.product_id', 'k.maintenance_end', 'k.created_at', 'k.last_used_version'])
        .where((eb) => keyScopeWhere(eb, scope))
        .where('k.status', '=', 'active');
      if (productId) q = q.where('k.product_id', '=', productId);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id, accountId: r.account_id, keyGroupId: r.key_group_id, assignedUserId: r.assigned_user_id, productId: r.product_id,
        maintenanceEnd: r.maintenance_end, createdAt: r.created_at, lastUsedVersion: r.last_used_version,
      }));
    },

    /** Active keys in the scope that reported a version, with their product: the candidates for update hints (the dashboard's). */
    async keysWithVersion(scope: KeyListScope, limit: number) {
      const rows = await db
        .selectFrom('product_keys as k')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .select(['k.id', 'k.product_id', 'p.name as product_name', 'k.license_key', 'k.last_used_version', 'k.maintenance_end', 'k.created_at', 'k.status', 'k.assigned_name'])
        .where((eb) => keyScopeWhere(eb, scope))
        .where('k.status', '=', 'active')
        .where('k.last_used_version', 'is not', null)
        .orderBy('k.last_seen_at', 'desc')
        .orderBy('k.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id, productId: r.product_id, productName: r.product_name, licenseKeyTail: r.license_key.slice(-5), lastUsedVersion: r.last_used_version,
        maintenanceEnd: r.maintenance_end, createdAt: r.created_at, status: r.status, assignedName: r.assigned_name,
      }));
    },

    async products(productIds: readonly string[]) {
      if (!productIds.length) return [];
      return db.selectFrom('products').select(['id', 'code', 'name']).where('id', 'in', [...productIds]).orderBy('name').orderBy('id').execute();
    },

    /** Releases of the products; customers see published ones only. Newest publication (or creation) first. */
    async releasesOf(productIds: readonly string[], { publishedOnly }: { publishedOnly: boolean }): Promise<ReleaseRecord[]> {
      if (!productIds.length) return [];
      let q = releaseBase(db).where('r.product_id', 'in', [...productIds]);
      if (publishedOnly) q = q.where('r.published_at', 'is not', null);
      const rows = await q.orderBy('r.product_id').orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(5000).execute();
      return rows.map(toRelease);
    },

    async findRelease(id: string): Promise<ReleaseRecord | null> {
      const r = await releaseBase(db).where('r.id', '=', id).executeTakeFirst();
      return r ? toRelease(r) : null;
    },

    async artifactsOf(releaseIds: readonly string[]): Promise<ArtifactRecord[]> {
      if (!releaseIds.length) return [];
      const rows = await db.selectFrom('release_artifacts').selectAll().where('release_id', 'in', [...releaseIds]).orderBy('platform').orderBy('arch').orderBy('file_name').execute();
      return rows.map(toArtifact);
    },

    async findArtifact(id: string): Promise<ArtifactRecord | null> {
      const r = await db.selectFrom('release_artifacts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toArtifact(r) : null;
    },

    async findArtifactByUpload(uploadId: string): Promise<ArtifactRecord | null> {
      const r = await db.selectFrom('release_artifacts').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
      return r ? toArtifact(r) : null;
    },

    async insertRelease(trx: Db, r: Insertable<Database['releases']>) {
      await trx.insertInto('releases').values(r).execute();
    },

    /** Notes, channel, version or publication, only if the release is still at `expectedRevision` (If-Match). */
    async updateRelease(trx: Db, id: string, expectedRevision: number, patch: { notes?: string; channel?: ReleaseChannel; version?: string; published_at?: string | null }) {
      const res = await trx
        .updateTable('releases')
        .set((eb) => ({ ...patch, revision: eb('revision', '+', 1), updated_at: nowIso() }))
        .where('id', '=', id)
        .where('revision', '=', expectedRevision)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async deleteRelease(trx: Db, id: string) {
      await trx.deleteFrom('releases').where('id', '=', id).execute();
    },

    async insertArtifact(trx: Db, a: Insertable<Database['release_artifacts']>) {
      await trx.insertInto('release_artifacts').values(a).execute();
    },

    async setSignature(trx: Db, artifactId: string, s: { fileName: string; storageKey: string; size: number; sha256: string } | null) {
      await trx
        .updateTable('release_artifacts')
        .set({ signature_file_name: s?.fileName ?? null, signature_storage_key: s?.storageKey ?? null, signature_size: s?.size ?? null, signature_sha256: s?.sha256 ?? null })
        .where('id', '=', artifactId)
        .execute();
    },

    async deleteArtifact(trx: Db, id: string) {
      await trx.deleteFrom('release_artifacts').where('id', '=', id).execute();
    },

    /** Active users of accounts that hold an active key of the product and who opted in to release mails. */
    async releaseMailRecipients(productId: string) {
      return db
        .selectFrom('users as u')
        .innerJoin('memberships as m', 'm.user_id', 'u.id')
        .innerJoin('accounts as a', 'a.id', 'm.account_id')
        .select(['u.id', 'u.email', 'u.name', 'u.locale', 'u.notification_prefs', 'a.locale as account_locale', 'm.account_id', 'm.role', 'm.downloads'])
        .where('u.status', '=', 'active')
        .where('m.status', '=', 'active')
        .where('u.kind', '=', 'customer')
        .where((eb) => eb.exists(eb.selectFrom('product_keys as k').select('k.id').whereRef('k.account_id', '=', 'm.account_id').where('k.product_id', '=', productId).where('k.status', '=', 'active')))
        .orderBy('u.id')
        .execute();
    },
  };
}

export type DownloadsRepository = ReturnType<typeof createDownloadsRepository>;
