import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, ensureAuthenticated, ensureCan, type StaffActor } from '../../app/auth/actor.js';
import type { Permission } from '../../app/auth/permissions.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, isUniqueViolation, nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { newId } from '../../app/ids.js';
import { pageQuery } from '../../app/pagination.js';
import type { AppDeps } from '../../app/types.js';
import { createActivationsRepository } from './activations.repository.js';
import { generateLicenseKey, maintenanceStatus } from './key-format.js';
import { createKeyGroupsRepository } from './key-groups.repository.js';
import { createKeysRepository } from './keys.repository.js';

const productCodeTaken = createError({ code: 'product.code_taken', status: 409, message: 'A product with this code exists' });
const productNotFound = createError({ code: 'product.not_found', status: 404, message: 'Product not found' });
const accountNotFound = createError({ code: 'account.not_found', status: 404, message: 'Account not found' });
const keyNotFound = createError({ code: 'key.not_found', status: 404, message: 'Product key not found' });

/** Staff-side rules: customers never learn these routes exist (404); staff without the permission get 403. */
function ensureStaff(actor: Actor, permission: Permission): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, permission);
  return actor;
}

export async function listProducts(db: Db) {
  const [products, editions] = await Promise.all([
    db.selectFrom('products').selectAll().orderBy('name').execute(),
    db.selectFrom('editions').selectAll().orderBy('name').execute(),
  ]);
  return products.map((p) => ({
    id: p.id, code: p.code, name: p.name, latestVersion: p.latest_version,
    editions: editions.filter((e) => e.product_id === p.id).map((e) => ({ id: e.id, code: e.code, name: e.name })),
  }));
}

/** Creates a product with its editions (release managers and staff admins). */
export async function createProduct({ deps, actor, input, ip }: { deps: AppDeps; actor: StaffActor; input: { code: string; name: string; latestVersion?: string; editions: { code: string; name: string }[] }; ip: string }) {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const id = newId('prd');
      await trx.insertInto('products').values({ id, code: input.code, name: input.name, latest_version: input.latestVersion ?? null, created_at: now, updated_at: now }).execute();
      for (const e of input.editions) await trx.insertInto('editions').values({ id: newId('edn'), product_id: id, code: e.code, name: e.name, created_at: now }).execute();
      await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'product.created', targetType: 'product', targetId: id, data: { code: input.code }, ip });
      return { productId: id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw productCodeTaken();
    throw err;
  }
}

interface IssueInput {
  accountId: string;
  keyGroupId?: string | null;
  productId: string;
  editionId?: string | null;
  count: number;
  seats: number;
  term: 'perpetual' | 'subscription';
  validUntil?: string | null;
  maintenanceStart?: string | null;
  maintenanceEnd?: string | null;
}

/** Issues one or many keys to an account, with seats, term and maintenance; audited in the account. */
export async function issueKeys({ deps, actor, input, ip }: { deps: AppDeps; actor: StaffActor; input: IssueInput; ip: string }) {
  const { db } = deps;
  if (!(await db.selectFrom('accounts').select('id').where('id', '=', input.accountId).executeTakeFirst())) throw accountNotFound();
  if (!(await db.selectFrom('products').select('id').where('id', '=', input.productId).executeTakeFirst())) throw productNotFound();
  if (input.editionId && !(await db.selectFrom('editions').select('id').where('id', '=', input.editionId).where('product_id', '=', input.productId).executeTakeFirst())) {
    throw errors.validation({ errors: [{ path: 'body.editionId', code: 'unknown_edition', message: 'This edition does not belong to the product' }] });
  }
  if (input.keyGroupId && !(await db.selectFrom('key_groups').select('id').where('id', '=', input.keyGroupId).where('account_id', '=', input.accountId).executeTakeFirst())) {
    throw errors.validation({ errors: [{ path: 'body.keyGroupId', code: 'unknown_key_group', message: 'This key group does not belong to the account' }] });
  }
  if (input.maintenanceStart && input.maintenanceEnd && input.maintenanceEnd < input.maintenanceStart) {
    throw errors.validation({ errors: [{ path: 'body.maintenanceEnd', code: 'before_start', message: 'Maintenance cannot end before it starts' }] });
  }
  if (input.term === 'subscription' && !input.validUntil) {
    throw errors.validation({ errors: [{ path: 'body.validUntil', code: 'required', message: 'A subscription needs an end date' }] });
  }
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    const now = nowIso();
    for (let i = 0; i < input.count; i++) {
      const id = newId('key');
      await trx
        .insertInto('product_keys')
        .values({
          id, account_id: input.accountId, key_group_id: input.keyGroupId ?? null, product_id: input.productId, edition_id: input.editionId ?? null, license_key: generateLicenseKey(),
          seats: input.seats, term: input.term, valid_until: input.validUntil ?? null, maintenance_start: input.maintenanceStart ?? null, maintenance_end: input.maintenanceEnd ?? null,
          status: 'active', assigned_name: null, assigned_email: null, assigned_user_id: null, last_used_version: null, last_seen_at: null, version: 1, created_at: now, updated_at: now,
        })
        .execute();
      ids.push(id);
    }
    await recordAuditEvent(trx, { accountId: input.accountId, actorUserId: actor.userId, action: 'key.issued', targetType: 'key', targetId: ids[0] ?? null, data: { count: ids.length, keyIds: ids, productId: input.productId, editionId: input.editionId ?? null, seats: input.seats, keyGroupId: input.keyGroupId ?? null }, ip });
    return { keyIds: ids };
  });
}

/** The audit code of each status change (the codes are literal so the activity texts can be checked against them). */
const STATUS_ACTIONS = { active: 'key.reactivated', suspended: 'key.suspended', revoked: 'key.revoked' } as const;

const pick = <T extends object>(from: T, like: Partial<T>) => Object.fromEntries(Object.keys(like).map((k) => [k, from[k as keyof T]]));

/** Staff change a key's status (suspend, revoke, reactivate), seats, term end or maintenance. */
export async function updateKeyAsStaff({
  deps, actor, keyId, patch, ip,
}: { deps: AppDeps; actor: StaffActor; keyId: string; patch: { status?: 'active' | 'suspended' | 'revoked'; seats?: number; validUntil?: string | null; maintenanceEnd?: string | null }; ip: string }) {
  const key = await createKeysRepository({ db: deps.db }).findById(keyId);
  if (!key) throw keyNotFound();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('product_keys')
      .set((eb) => ({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.seats !== undefined ? { seats: patch.seats } : {}),
        ...(patch.validUntil !== undefined ? { valid_until: patch.validUntil } : {}),
        ...(patch.maintenanceEnd !== undefined ? { maintenance_end: patch.maintenanceEnd } : {}),
        version: eb('version', '+', 1),
        updated_at: nowIso(),
      }))
      .where('id', '=', keyId)
      .execute();
    // A revoked key's machines lose their seats at once.
    if (patch.status === 'revoked') {
      const activations = createActivationsRepository({ db: trx });
      for (const a of (await activations.listForKey(keyId)).filter((x) => x.status === 'active')) await activations.deactivate(a.id, { at: nowIso(), how: 'staff', byUserId: actor.userId });
    }
    const { status, ...terms } = patch;
    const event = { accountId: key.accountId, actorUserId: actor.userId, targetType: 'key', targetId: keyId, ip };
    if (status !== undefined && status !== key.status) {
      await recordAuditEvent(trx, { ...event, action: STATUS_ACTIONS[status], data: { from: key.status, to: status } });
    }
    if (Object.values(terms).some((v) => v !== undefined)) {
      const before = { seats: key.seats, validUntil: key.validUntil, maintenanceEnd: key.maintenanceEnd };
      await recordAuditEvent(trx, { ...event, action: 'key.terms_changed', data: { from: pick(before, terms), to: terms } });
    }
  });
  return { key: (await createKeysRepository({ db: deps.db }).findById(keyId))! };
}

const productSchema = z.object({
  id: z.string(), code: z.string(), name: z.string(), latestVersion: z.string().nullable(),
  editions: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
const staffKeySchema = z.object({
  id: z.string(), accountId: z.string(), account: z.object({ id: z.string(), number: z.string(), name: z.string() }),
  licenseKey: z.string(), product: z.string(), edition: z.string().nullable(), seats: z.number().int(), seatsUsed: z.number().int(),
  keyGroup: z.object({ id: z.string(), name: z.string() }).nullable(), assignedTo: z.string().nullable(),
  term: z.enum(['perpetual', 'subscription']), validUntil: z.string().nullable(), maintenanceEnd: z.string().nullable(),
  maintenanceStatus: z.enum(['active', 'expiring', 'expired', 'none']), status: z.enum(['active', 'suspended', 'revoked']), createdAt: z.string(),
});
const isoTime = z.iso.datetime({ offset: true });
const code = z.string().trim().min(2).max(50).regex(/^[a-z0-9][a-z0-9-]*$/);

export async function staffKeysRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const keys = createKeysRepository({ db: deps.db });
  type StaffKey = NonNullable<Awaited<ReturnType<typeof keys.findById>>> & { account: { id: string; number: string; name: string } };
  const presentStaffKey = (k: StaffKey) => ({
    id: k.id, accountId: k.accountId, account: k.account, licenseKey: k.licenseKey, product: k.productName, edition: k.editionName, seats: k.seats, seatsUsed: k.seatsUsed,
    keyGroup: k.keyGroupId ? { id: k.keyGroupId, name: k.keyGroupName ?? '' } : null, assignedTo: k.assignedName ?? k.assignedEmail, term: k.term,
    validUntil: k.validUntil, maintenanceEnd: k.maintenanceEnd, maintenanceStatus: maintenanceStatus(k.maintenanceEnd), status: k.status, createdAt: k.createdAt,
  });

  r.get(
    '/api/v1/staff/products',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Products and their editions', response: { 200: z.object({ data: z.array(productSchema) }) } } },
    async (req) => {
      ensureStaff(req.actor, 'access:console');
      return { data: await listProducts(deps.db) };
    },
  );

  r.post(
    '/api/v1/staff/products',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Create a product with its editions (release managers, staff admins)',
        body: z.strictObject({ code, name: z.string().trim().min(1).max(200), latestVersion: z.string().max(50).optional(), editions: z.array(z.strictObject({ code, name: z.string().trim().min(1).max(100) })).max(20).default([]) }),
        response: { 201: z.object({ data: productSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureStaff(req.actor, 'manage:releases');
      const { productId } = await createProduct({ deps, actor, input: req.body, ip: req.ip });
      return reply.status(201).send({ data: (await listProducts(deps.db)).find((p) => p.id === productId)! });
    },
  );

  r.get(
    '/api/v1/staff/keys',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Keys across all accounts or of one, newest first; q searches key, product and account name or number',
        querystring: z.strictObject({ ...pageQuery, accountId: z.string().min(1).max(100).optional(), q: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ data: z.array(staffKeySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      ensureStaff(req.actor, 'read:staff_accounts');
      const { items, nextCursor } = await keys.listAcrossAccounts(req.query);
      return { data: items.map(presentStaffKey), nextCursor };
    },
  );

  r.get(
    '/api/v1/staff/key-groups',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'The key groups of one account (to issue keys into)',
        querystring: z.strictObject({ accountId: z.string().min(1).max(100) }),
        response: { 200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async (req) => {
      ensureStaff(req.actor, 'read:staff_accounts');
      const found = await deps.db.selectFrom('accounts').select('id').where('id', '=', req.query.accountId).executeTakeFirst();
      if (!found) throw accountNotFound();
      return { data: (await createKeyGroupsRepository({ db: deps.db }).list(req.query.accountId)).map(({ id, name }) => ({ id, name })) };
    },
  );

  r.post(
    '/api/v1/staff/keys',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Issue one or many keys to an account',
        body: z.strictObject({
          accountId: z.string().min(1).max(100), productId: z.string().min(1).max(100), editionId: z.string().max(100).nullable().optional(),
          keyGroupId: z.string().min(1).max(100).nullable().optional(),
          count: z.number().int().min(1).max(500).default(1), seats: z.number().int().min(1).max(100_000), term: z.enum(['perpetual', 'subscription']),
          validUntil: isoTime.nullable().optional(), maintenanceStart: isoTime.nullable().optional(), maintenanceEnd: isoTime.nullable().optional(),
        }),
        response: { 201: z.object({ data: z.object({ keyIds: z.array(z.string()) }) }) },
      },
    },
    async (req, reply) => {
      const actor = ensureStaff(req.actor, 'issue:keys');
      return reply.status(201).send({ data: await issueKeys({ deps, actor, input: req.body, ip: req.ip }) });
    },
  );

  r.patch(
    '/api/v1/staff/keys/:keyId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Suspend, revoke or reactivate a key; change seats, term end or maintenance',
        params: z.object({ keyId: z.string().max(100) }),
        body: z
          .strictObject({ status: z.enum(['active', 'suspended', 'revoked']).optional(), seats: z.number().int().min(1).max(100_000).optional(), validUntil: isoTime.nullable().optional(), maintenanceEnd: isoTime.nullable().optional() })
          .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' }),
        response: { 200: z.object({ data: staffKeySchema }) },
      },
    },
    async (req) => {
      const actor = ensureStaff(req.actor, 'issue:keys');
      const { key } = await updateKeyAsStaff({ deps, actor, keyId: req.params.keyId, patch: req.body, ip: req.ip });
      const account = await deps.db.selectFrom('accounts').select(['id', 'number', 'name']).where('id', '=', key.accountId).executeTakeFirstOrThrow();
      return { data: presentStaffKey({ ...key, account }) };
    },
  );
}
