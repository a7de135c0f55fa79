import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../app/auth/actor.js';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { csvRow } from '../audit/csv.js';
import { createActivationsRepository } from './activations.repository.js';
import { createKeyGroupsRepository } from './key-groups.repository.js';
import { errors } from '../../app/errors.js';
import { createAssigneesRepository } from './assignees.repository.js';
import { updateHintsFor } from '../downloads/update-hints.js';
import { canPickAssignee, ensureKeyReader, type KeyActor, keyListScope } from './keys.policy.js';
import { presentActivation, presentKey } from './keys.presenter.js';
import { createKeysRepository } from './keys.repository.js';
import { activationSchema, bulkUpdateSchema, keyGroupSchema, keyListQuery, keySchema, updateKeySchema } from './keys.schemas.js';
import {
  bulkUpdateKeys,
  createKeyGroup,
  deleteKeyGroup,
  getVisibleKey,
  releaseActivation,
  renameKeyGroup,
  requestRenewal,
  updateKey,
} from './keys.usecases.js';

const keyParams = z.object({ keyId: z.string().min(1).max(100) });
const groupName = z.strictObject({ name: z.string().trim().min(1).max(100) });

export async function keysRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const keys = createKeysRepository({ db: deps.db });
  const groups = createKeyGroupsRepository({ db: deps.db });

  /** The actor with the key groups they manage: what every key rule needs. */
  async function keyActor(req: FastifyRequest): Promise<KeyActor> {
    const actor = ensureKeyReader(req.actor);
    // Those who see and manage every key of the account need no group list (one query less per request).
    const everyKey = can(actor, 'read:keys:all') && can(actor, 'manage:keys:all');
    const managedGroupIds = !everyKey && can(actor, 'read:keys:groups') ? await groups.managedBy(actor.userId, actor.accountId) : [];
    return { actor, managedGroupIds };
  }

  r.get(
    '/api/v1/keys',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['keys'],
        summary: 'The product keys you may see, newest first; filters, search, keyset pagination; ?format=csv streams all matching keys',
        querystring: keyListQuery,
        response: { 200: z.object({ data: z.array(keySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const ka = await keyActor(req);
      const { limit, cursor, format, product, keyGroup, ...rest } = req.query;
      const query = { ...rest, productId: product, keyGroupId: keyGroup };
      const scope = keyListScope(ka);
      if (format === 'csv') {
        async function* rows() {
          yield `\uFEFF${csvRow(['key', 'product', 'edition', 'seats_used', 'seats', 'key_group', 'assigned_name', 'assigned_email', 'maintenance_end', 'maintenance_status', 'last_used_version', 'last_seen', 'status'])}`;
          let next: string | undefined;
          do {
            const page = await keys.list({ scope, query, limit: 500, cursor: next });
            for (const k of page.items) {
              const p = presentKey(ka, k);
              yield csvRow([p.licenseKey, p.product.name, p.edition?.name, p.seatsUsed, p.seats, p.keyGroup?.name, p.assignedTo?.name, p.assignedTo?.email, p.maintenance.end, p.maintenance.status, p.lastUsedVersion, p.lastSeenAt, p.status]);
            }
            next = page.nextCursor ?? undefined;
          } while (next);
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="product-keys-${new Date().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(rows()) as never);
      }
      const { items, nextCursor } = await keys.list({ scope, query, limit, cursor });
      const hints = await updateHintsFor(deps.db, items);
      return { data: items.map((k) => presentKey(ka, k, hints.get(k.id) ?? null)), nextCursor };
    },
  );

  r.get(
    '/api/v1/keys/facets',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['keys'],
        summary: 'The products and key groups to filter your key list by',
        response: { 200: z.object({ data: z.object({ products: z.array(z.object({ id: z.string(), name: z.string() })), keyGroups: z.array(z.object({ id: z.string(), name: z.string() })) }) }) },
      },
    },
    async (req) => {
      const ka = await keyActor(req);
      // Admins may file keys under any group of the account; key managers look after theirs.
      const alsoGroupIds = can(ka.actor, 'read:keys:all') ? (await groups.list(ka.actor.accountId)).map((g) => g.id) : ka.managedGroupIds;
      return { data: await keys.facets({ scope: keyListScope(ka), alsoGroupIds }) };
    },
  );

  r.get(
    '/api/v1/keys/assignees',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['keys'],
        summary: 'Active portal users of your account a key can be assigned to (name or email contains q; at most 20)',
        querystring: z.strictObject({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })) }) },
      },
    },
    async (req) => {
      const actor = ensureKeyReader(req.actor);
      if (!canPickAssignee(actor)) throw errors.forbidden();
      return { data: await createAssigneesRepository({ db: deps.db }).search({ accountId: actor.accountId, q: req.query.q }) };
    },
  );

  r.get(
    '/api/v1/keys/:keyId',
    { config: { auth: 'user' }, schema: { tags: ['keys'], summary: 'One product key with its maintenance and abilities (ETag)', params: keyParams, response: { 200: z.object({ data: keySchema }) } } },
    async (req, reply) => {
      const ka = await keyActor(req);
      const key = await getVisibleKey({ deps, ka, keyId: req.params.keyId });
      reply.header('etag', etagOf(key.version));
      return { data: presentKey(ka, key, (await updateHintsFor(deps.db, [key])).get(key.id) ?? null) };
    },
  );

  r.patch(
    '/api/v1/keys/:keyId',
    {
      config: { auth: 'user' },
      schema: { tags: ['keys'], summary: 'Assign or unassign the key, or move it to a key group (If-Match required)', params: keyParams, body: updateKeySchema, response: { 200: z.object({ data: keySchema }) } },
    },
    async (req, reply) => {
      const ka = await keyActor(req);
      const { key } = await updateKey({ deps, ka, keyId: req.params.keyId, expectedVersion: requireIfMatch(req), patch: req.body, ip: req.ip });
      reply.header('etag', etagOf(key.version));
      return { data: presentKey(ka, key, (await updateHintsFor(deps.db, [key])).get(key.id) ?? null) };
    },
  );

  r.post(
    '/api/v1/keys/bulk-assign',
    {
      config: { auth: 'user' },
      schema: { tags: ['keys'], summary: 'Assign and/or move many keys at once (all or nothing)', body: bulkUpdateSchema, response: { 200: z.object({ data: z.object({ updated: z.number().int() }) }) } },
    },
    async (req) => {
      const ka = await keyActor(req);
      const { keyIds, ...patch } = req.body;
      return { data: await bulkUpdateKeys({ deps, ka, keyIds, patch, ip: req.ip }) };
    },
  );

  r.get(
    '/api/v1/keys/:keyId/activations',
    {
      config: { auth: 'user' },
      schema: { tags: ['keys'], summary: 'Registrierungsverlauf: every activation and deactivation of the key, newest first', params: keyParams, response: { 200: z.object({ data: z.array(activationSchema) }) } },
    },
    async (req) => {
      const ka = await keyActor(req);
      const key = await getVisibleKey({ deps, ka, keyId: req.params.keyId });
      return { data: (await createActivationsRepository({ db: deps.db }).listForKey(key.id)).map(presentActivation) };
    },
  );

  r.post(
    '/api/v1/keys/:keyId/activations/:activationId/release',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['keys'],
        summary: 'Release an activation: frees its seat (cooldown and monthly limit per key)',
        params: keyParams.extend({ activationId: z.string().min(1).max(100) }),
        response: { 200: z.object({ data: z.object({ releasesLeftThisMonth: z.number().int() }) }) },
      },
    },
    async (req) => {
      const ka = await keyActor(req);
      return { data: await releaseActivation({ deps, ka, keyId: req.params.keyId, activationId: req.params.activationId, ip: req.ip }) };
    },
  );

  r.post(
    '/api/v1/keys/:keyId/renewal-request',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['keys'],
        summary: 'Ask the vendor to renew the key’s maintenance: opens a Kundendienst case (licensing) about the key',
        params: keyParams,
        body: z.strictObject({ message: z.string().trim().max(2000).optional() }),
        response: { 201: z.object({ data: z.object({ caseId: z.string(), number: z.string() }) }) },
      },
    },
    async (req, reply) => {
      const ka = await keyActor(req);
      const created = await requestRenewal({ deps, ka, keyId: req.params.keyId, message: req.body.message ?? null, ip: req.ip });
      return reply.status(201).header('location', `/api/v1/cases/${created.caseId}`).send({ data: created });
    },
  );

  r.get(
    '/api/v1/key-groups',
    { config: { auth: 'user' }, schema: { tags: ['keys'], summary: 'Key groups (admins: all; key managers: theirs)', response: { 200: z.object({ data: z.array(keyGroupSchema) }) } } },
    async (req) => {
      const ka = await keyActor(req);
      if (can(ka.actor, 'read:keys:all')) return { data: await groups.list(ka.actor.accountId) };
      return { data: can(ka.actor, 'read:keys:groups') ? await groups.list(ka.actor.accountId, ka.managedGroupIds) : [] };
    },
  );

  r.post(
    '/api/v1/key-groups',
    { config: { auth: 'user' }, schema: { tags: ['keys'], summary: 'Create a key group (admins)', body: groupName, response: { 201: z.object({ data: z.object({ id: z.string(), name: z.string() }) }) } } },
    async (req, reply) => {
      const ka = await keyActor(req);
      const { group } = await createKeyGroup({ deps, ka, name: req.body.name, ip: req.ip });
      return reply.status(201).send({ data: group });
    },
  );

  r.patch(
    '/api/v1/key-groups/:keyGroupId',
    { config: { auth: 'user' }, schema: { tags: ['keys'], summary: 'Rename a key group (admins)', params: z.object({ keyGroupId: z.string().max(100) }), body: groupName } },
    async (req, reply) => {
      const ka = await keyActor(req);
      await renameKeyGroup({ deps, ka, keyGroupId: req.params.keyGroupId, name: req.body.name, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/v1/key-groups/:keyGroupId',
    { config: { auth: 'user' }, schema: { tags: ['keys'], summary: 'Delete a key group (admins); its keys stay, without a group', params: z.object({ keyGroupId: z.string().max(100) }) } },
    async (req, reply) => {
      const ka = await keyActor(req);
      await deleteKeyGroup({ deps, ka, keyGroupId: req.params.keyGroupId, ip: req.ip });
      return reply.status(204).send();
    },
  );
}
