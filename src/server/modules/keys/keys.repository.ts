import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../app/db.js';
import { type Param, prepared, type Shape } from '../../app/prepared.js';
import { LIVE } from './live.js';
import { nowIso } from '../../app/db.js';
import { decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';
import type { Database } from '../../db/schema.js';
import { EXPIRING_WITHIN_DAYS } from './key-format.js';
import type { KeyListScope } from './keys.policy.js';

export interface KeyRow {
  id: string;
  accountId: string;
  keyGroupId: string | null;
  keyGroupName: string | null;
  productId: string;
  productCode: string;
  productName: string;
  productLatestVersion: string | null;
  editionId: string | null;
  editionCode: string | null;
  editionName: string | null;
  licenseKey: string;
  seats: number;
  seatsUsed: number;
  term: 'perpetual' | 'subscription';
  validUntil: string | null;
  maintenanceStart: string | null;
  maintenanceEnd: string | null;
  status: 'active' | 'suspended' | 'revoked';
  assignedName: string | null;
  assignedEmail: string | null;
  assignedUserId: string | null;
  lastUsedVersion: string | null;
  lastSeenAt: string | null;
  version: number;
  createdAt: string;
}

export type KeyFilter = 'unassigned' | 'unregistered' | 'maintenance_active' | 'maintenance_expiring' | 'maintenance_expired';

export interface KeyListQuery {
  filter?: KeyFilter;
  productId?: string;
  /** A key group id, or "none" for keys in no group. */
  keyGroupId?: string;
  q?: string;
}

type Eb = ExpressionBuilder<Database & { k: Database['product_keys'] }, 'k'>;

/** The SQL form of canViewKey: lists, search and export go through it and nothing else. */
export function keyScopeWhere(eb: Eb, scope: KeyListScope) {
  const inAccount = eb('k.account_id', '=', scope.accountId);
  if (scope.kind === 'account') return inAccount;
  if (scope.kind === 'own') return eb.and([inAccount, eb('k.assigned_user_id', '=', scope.userId)]);
  const own = eb('k.assigned_user_id', '=', scope.userId);
  return eb.and([inAccount, scope.groupIds.length ? eb.or([eb('k.key_group_id', 'in', [...scope.groupIds]), own]) : own]);
}

/** A key with its product, edition, key group and seats in use: what every key read returns. */
const keyBase = (db: Db) =>
    db
    .selectFrom('product_keys as k')
    .innerJoin('products as p', 'p.id', 'k.product_id')
    .leftJoin('editions as e', 'e.id', 'k.edition_id')
    .leftJoin('key_groups as g', 'g.id', 'k.key_group_id')
    .select((eb) => [
      'k.id', 'k.account_id', 'k.key_group_id', 'g.name as key_group_name', 'k.product_id', 'p.code as product_code', 'p.name as product_name',
      'p.latest_version', 'k.edition_id', 'e.code as edition_code', 'e.name as edition_name', 'k.license_key', 'k.seats', 'k.term', 'k.valid_until',
      'k.maintenance_start', 'k.maintenance_end', 'k.status', 'k.assigned_name', 'k.assigned_email', 'k.assigned_user_id',
      'k.last_used_version', 'k.last_seen_at', 'k.version', 'k.created_at',
      eb
        .selectFrom('activations as a')
        .whereRef('a.key_id', '=', 'k.id')
        .where('a.status', '=', LIVE)
        .select(eb.fn.countAll<number>().as('n'))
        .as('seats_used'),
    ]);

/** The licensing API's lookup, on every call: built once (see app/prepared.ts). */
const keyByLicenseKey = prepared((db, p: { licenseKey: string }) => keyBase(db).where('k.license_key', '=', p.licenseKey));

/**
 * Validate's lookup: the key and, in the same round trip, the id of the machine's live activation
 * (at most one: activations_one_active_per_machine). One query instead of two is most of what a
 * validate costs the database on PostgreSQL, whose server shares the machine with Portico.
 */
const keyWithMachine = prepared((db, p: { licenseKey: string; fingerprint: string }) =>
  keyBase(db)
    .leftJoin('activations as m', (join) => join.onRef('m.key_id', '=', 'k.id').on('m.fingerprint', '=', p.fingerprint).on('m.status', '=', LIVE))
    .select('m.id as live_activation_id')
    .where('k.license_key', '=', p.licenseKey),
);

interface KeyListParams extends Record<string, Param> {
  accountId: string;
  userId: string;
  groupIds: string[];
  now: string;
  soon: string;
  productId: string | null;
  keyGroupId: string | null;
  like: string | null;
  cursorAt: string | null;
  cursorId: string | null;
  limit: number;
}

/** What changes the key list's SQL (the values go in KeyListParams). */
interface KeyListShape extends Shape {
  scope: KeyListScope['kind'];
  filter: KeyFilter | null;
  product: boolean;
  keyGroup: 'none' | 'one' | null;
  q: boolean;
  cursor: boolean;
}

/** The key list; with a filter or a search it is planned for its values on each call on PostgreSQL (see prepared()). */
const keyListQuery = prepared((db, p: KeyListParams, shape: KeyListShape) => {
  const scope: KeyListScope =
    shape.scope === 'account'
      ? { kind: 'account', accountId: p.accountId }
      : shape.scope === 'own'
        ? { kind: 'own', accountId: p.accountId, userId: p.userId }
        : { kind: 'groups_or_own', accountId: p.accountId, userId: p.userId, groupIds: p.groupIds };
  let q = keyBase(db)
    .where((eb) => keyScopeWhere(eb, scope))
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(p.limit);
  switch (shape.filter) {
    case 'unassigned':
      q = q.where('k.assigned_user_id', 'is', null).where('k.assigned_email', 'is', null).where('k.assigned_name', 'is', null);
      break;
    case 'unregistered':
      q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('activations as a2').select('a2.id').whereRef('a2.key_id', '=', 'k.id').where('a2.status', '=', LIVE))));
      break;
    case 'maintenance_active':
      q = q.where('k.maintenance_end', '>', p.soon);
      break;
    case 'maintenance_expiring':
      q = q.where('k.maintenance_end', '>', p.now).where('k.maintenance_end', '<=', p.soon);
      break;
    case 'maintenance_expired':
      q = q.where('k.maintenance_end', '<=', p.now);
      break;
  }
  if (shape.product) q = q.where('k.product_id', '=', p.productId as string);
  if (shape.keyGroup === 'none') q = q.where('k.key_group_id', 'is', null);
  else if (shape.keyGroup === 'one') q = q.where('k.key_group_id', '=', p.keyGroupId as string);
  if (shape.q) {
    const like = p.like as string;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(k.license_key) like ${like} escape '\\'`,
        sql<boolean>`lower(coalesce(k.assigned_name, '')) like ${like} escape '\\'`,
        sql<boolean>`lower(coalesce(k.assigned_email, '')) like ${like} escape '\\'`,
        sql<boolean>`lower(p.name) like ${like} escape '\\'`,
      ]),
    );
  }
  if (shape.cursor) q = q.where(olderThan('k.created_at', 'k.id', { at: p.cursorAt as string, id: p.cursorId as string }));
  return q;
}, { planEachCall: (shape) => shape.filter !== null || shape.q });

export function createKeysRepository({ db }: { db: Db }) {
  const base = () => keyBase(db);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toKey = (r: Row): KeyRow => ({
    id: r.id,
    accountId: r.account_id,
    keyGroupId: r.key_group_id,
    keyGroupName: r.key_group_name,
    productId: r.product_id,
    productCode: r.product_code,
    productName: r.product_name,
    productLatestVersion: r.latest_version,
    editionId: r.edition_id,
    editionCode: r.edition_code,
    editionName: r.edition_name,
    licenseKey: r.license_key,
    seats: Number(r.seats),
    seatsUsed: Number(r.seats_used ?? 0),
    term: r.term,
    validUntil: r.valid_until,
    maintenanceStart: r.maintenance_start,
    maintenanceEnd: r.maintenance_end,
    status: r.status,
    assignedName: r.assigned_name,
    assignedEmail: r.assigned_email,
    assignedUserId: r.assigned_user_id,
    lastUsedVersion: r.last_used_version,
    lastSeenAt: r.last_seen_at,
    version: Number(r.version),
    createdAt: r.created_at,
  });

  return {
    /** Keys in the scope, newest first, keyset-paginated, with the portal's filters. */
    async list({ scope, query, limit, cursor }: { scope: KeyListScope; query: KeyListQuery; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const now = nowIso();
      const soon = new Date(Date.now() + EXPIRING_WITHIN_DAYS * 86_400_000).toISOString();
      const params: KeyListParams = {
        accountId: scope.accountId,
        userId: scope.kind === 'account' ? '' : scope.userId,
        groupIds: scope.kind === 'groups_or_own' ? [...scope.groupIds] : [],
        now,
        soon,
        productId: query.productId ?? null,
        keyGroupId: query.keyGroupId && query.keyGroupId !== 'none' ? query.keyGroupId : null,
        like: query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
        cursorAt: after?.at ?? null,
        cursorId: after?.id ?? null,
        limit: limit + 1,
      };
      const shape: KeyListShape = {
        scope: scope.kind,
        filter: query.filter ?? null,
        product: params.productId !== null,
        keyGroup: query.keyGroupId === 'none' ? 'none' : params.keyGroupId !== null ? 'one' : null,
        q: params.like !== null,
        cursor: after !== null,
      };
      const rows = await keyListQuery.execute(db, params, shape);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(toKey), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null };
    },

    /**
     * The products and key groups of the keys in the scope: the choices that can narrow the list.
     * `alsoGroupIds` adds groups the actor looks after even while they hold no key (an admin's
     * account groups, a key manager's own), which the list then shows as empty.
     */
    async facets({ scope, alsoGroupIds = [] }: { scope: KeyListScope; alsoGroupIds?: readonly string[] }) {
      const products = await db
        .selectFrom('product_keys as k')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .select(['p.id', 'p.name'])
        .distinct()
        .where((eb) => keyScopeWhere(eb, scope))
        .orderBy('p.name')
        .execute();
      const keyGroups = await db
        .selectFrom('key_groups as g')
        .select(['g.id', 'g.name'])
        .where('g.account_id', '=', scope.accountId)
        .where((eb) => {
          const withVisibleKey = eb.exists(
            eb.selectFrom('product_keys as k').select('k.id').whereRef('k.key_group_id', '=', 'g.id').where((kb) => keyScopeWhere(kb, scope)),
          );
          return alsoGroupIds.length ? eb.or([withVisibleKey, eb('g.id', 'in', [...alsoGroupIds])]) : withVisibleKey;
        })
        .orderBy('g.name')
        .orderBy('g.id')
        .execute();
      return { products, keyGroups };
    },

    /**
     * Staff only: keys across all accounts (or one), newest first, with their account; `q` matches
     * the key, the product and the account's name or number. Never reachable from a customer route.
     */
    async listAcrossAccounts({ accountId, q, limit, cursor }: { accountId?: string; q?: string; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let query = base()
        .innerJoin('accounts as acc', 'acc.id', 'k.account_id')
        .select(['acc.number as account_number', 'acc.name as account_name'])
        .orderBy('k.created_at', 'desc')
        .orderBy('k.id', 'desc')
        .limit(limit + 1);
      if (accountId) query = query.where('k.account_id', '=', accountId);
      if (q) {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([
            sql<boolean>`lower(k.license_key) like ${like} escape '\\'`,
            sql<boolean>`lower(p.name) like ${like} escape '\\'`,
            sql<boolean>`lower(acc.name) like ${like} escape '\\'`,
            sql<boolean>`lower(acc.number) like ${like} escape '\\'`,
          ]),
        );
      }
      if (after) query = query.where(olderThan('k.created_at', 'k.id', after));
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toKey(r), account: { id: r.account_id, number: r.account_number, name: r.account_name } })),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    /** One key of the account (another account's key is simply not found). */
    async find({ accountId, keyId }: { accountId: string; keyId: string }): Promise<KeyRow | null> {
      const r = await base().where('k.account_id', '=', accountId).where('k.id', '=', keyId).executeTakeFirst();
      return r ? toKey(r) : null;
    },

    async findById(keyId: string): Promise<KeyRow | null> {
      const r = await base().where('k.id', '=', keyId).executeTakeFirst();
      return r ? toKey(r) : null;
    },

    async findByLicenseKey(licenseKey: string): Promise<KeyRow | null> {
      const r = await keyByLicenseKey.executeTakeFirst(db, { licenseKey });
      return r ? toKey(r) : null;
    },

    /** The key with the id of `fingerprint`'s live activation on it (null when that machine has none). */
    async findWithMachine(licenseKey: string, fingerprint: string): Promise<{ key: KeyRow; liveActivationId: string | null } | null> {
      const r = await keyWithMachine.executeTakeFirst(db, { licenseKey, fingerprint });
      return r ? { key: toKey(r), liveActivationId: r.live_activation_id } : null;
    },

    /** Assignment and key group, only if the key is still at `expectedVersion` (If-Match). */
    async update(
      keyId: string,
      expectedVersion: number | null,
      patch: { assignedName?: string | null; assignedEmail?: string | null; assignedUserId?: string | null; keyGroupId?: string | null },
    ): Promise<boolean> {
      let q = db
        .updateTable('product_keys')
        .set((eb) => ({
          ...(patch.assignedName !== undefined ? { assigned_name: patch.assignedName } : {}),
          ...(patch.assignedEmail !== undefined ? { assigned_email: patch.assignedEmail } : {}),
          ...(patch.assignedUserId !== undefined ? { assigned_user_id: patch.assignedUserId } : {}),
          ...(patch.keyGroupId !== undefined ? { key_group_id: patch.keyGroupId } : {}),
          version: eb('version', '+', 1),
          updated_at: nowIso(),
        }))
        .where('id', '=', keyId);
      if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async setStatus(keyId: string, status: KeyRow['status']) {
      await db.updateTable('product_keys').set((eb) => ({ status, version: eb('version', '+', 1), updated_at: nowIso() })).where('id', '=', keyId).execute();
    },

    async recordUse(keyId: string, { version, at }: { version: string | null; at: string }) {
      await db
        .updateTable('product_keys')
        .set({ last_seen_at: at, ...(version ? { last_used_version: version } : {}) })
        .where('id', '=', keyId)
        .execute();
    },
  };
}

export type KeysRepository = ReturnType<typeof createKeysRepository>;
