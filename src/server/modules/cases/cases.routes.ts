import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../app/auth/actor.js';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { prepared } from '../../app/prepared.js';
import { csvRow } from '../audit/csv.js';
import { maintenanceStatus } from '../keys/key-format.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { keyListScope } from '../keys/keys.policy.js';
import { createKeysRepository } from '../keys/keys.repository.js';
import { type CaseActor, caseListScope, ensureCaseReader } from './cases.policy.js';
import { presentCase, presentCaseSummary, presentTimelineEntry } from './cases.presenter.js';
import { CASE_VIEWS, type CaseView, createCasesRepository } from './cases.repository.js';
import { caseListQuery, casePatchSchema, caseSchema, caseSummarySchema, commentSchema, newCaseSchema, timelineEntrySchema } from './cases.schemas.js';
import {
  addCustomerComment,
  createCase,
  getVisibleCase,
  recordCaseView,
  reopenCase,
  solveCase,
  updateCase,
} from './cases.usecases.js';

const storedView = prepared((db, p: { userId: string }) => db.selectFrom('users').select('case_view').where('id', '=', p.userId));
const rememberView = prepared((db, p: { userId: string; view: string }) => db.updateTable('users').set({ case_view: p.view }).where('id', '=', p.userId));

const caseParams = z.object({ caseId: z.string().min(1).max(100) });
const DEFAULT_VIEW: CaseView = 'all_open';

export async function casesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const cases = createCasesRepository({ db: deps.db, dialect: deps.dialect });
  const groups = createKeyGroupsRepository({ db: deps.db });

  /** The customer with the key groups they manage: what every case rule needs. */
  async function caseActor(req: FastifyRequest): Promise<CaseActor> {
    const actor = ensureCaseReader(req.actor);
    // The groups matter for the cases a key manager sees and the keys they may relate a case to;
    // those who see every case and every key need none (one query less per request).
    const needsGroups = (can(actor, 'read:keys:groups') && !can(actor, 'read:keys:all')) || (can(actor, 'read:cases:keys') && !can(actor, 'read:cases:all'));
    const managedGroupIds = needsGroups ? await groups.managedBy(actor.userId, actor.accountId) : [];
    return { actor, managedGroupIds };
  }

  r.get(
    '/api/v1/cases',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Meine Fälle: one of the five views within your scope, with search, filters, sort and keyset pagination; ?format=csv exports all matching cases',
        querystring: caseListQuery,
        response: { 200: z.object({ data: z.array(caseSummarySchema), view: z.enum(CASE_VIEWS), nextCursor: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const ca = await caseActor(req);
      const { limit, cursor, format, sort, product, contact, view: askedView, ...rest } = req.query;
      const userId = ca.actor.userId;
      // The view chosen last is remembered (per user, on every device).
      let view = askedView;
      if (view) {
        // Written only when it changes: a list page is read far more often than the view is switched.
        if ((await storedView.executeTakeFirst(deps.db, { userId }))?.case_view !== view) await rememberView.executeWrite(deps.db, { userId, view });
      } else {
        const stored = (await storedView.executeTakeFirst(deps.db, { userId }))?.case_view;
        view = CASE_VIEWS.includes(stored as CaseView) ? (stored as CaseView) : DEFAULT_VIEW;
      }
      const query = { ...rest, productId: product, contactUserId: contact };
      const scope = caseListScope(ca);
      if (format === 'csv') {
        const v = view;
        async function* rows() {
          yield `\uFEFF${csvRow(['number', 'subject', 'type', 'category', 'status', 'severity', 'product', 'contact_name', 'contact_email', 'created_at', 'last_activity_at'])}`;
          let next: string | undefined;
          do {
            const page = await cases.list({ scope, view: v, userId, query, sort, limit: 500, cursor: next });
            for (const c of page.items) {
              yield csvRow([c.number, c.subject, c.type, c.category, c.status, c.severity, c.productName, c.contactName, c.contactEmail, c.createdAt, c.lastActivityAt]);
            }
            next = page.nextCursor ?? undefined;
          } while (next);
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="cases-${view}-${new Date().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(rows()) as never);
      }
      const { items, nextCursor } = await cases.list({ scope, view, userId, query, sort, limit, cursor });
      return { data: items.map(presentCaseSummary), view, nextCursor };
    },
  );

  r.get(
    '/api/v1/cases/counts',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'How many cases each of the five views holds for you',
        response: { 200: z.object({ data: z.record(z.enum(CASE_VIEWS), z.number().int()), lastView: z.enum(CASE_VIEWS) }) },
      },
    },
    async (req) => {
      const ca = await caseActor(req);
      const stored = (await storedView.executeTakeFirst(deps.db, { userId: ca.actor.userId }))?.case_view;
      return {
        data: await cases.counts({ scope: caseListScope(ca), userId: ca.actor.userId }),
        lastView: CASE_VIEWS.includes(stored as CaseView) ? (stored as CaseView) : DEFAULT_VIEW,
      };
    },
  );

  r.get(
    '/api/v1/cases/similar',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Cases of your scope like the words typed (duplicate suggestions while writing a subject)',
        querystring: z.object({ q: z.string().trim().max(200) }),
        response: { 200: z.object({ data: z.array(z.object({ id: z.string(), number: z.string(), subject: z.string(), status: z.string(), type: z.string(), createdAt: z.string() })) }) },
      },
    },
    async (req) => {
      const ca = await caseActor(req);
      const rows = await cases.similar({ scope: caseListScope(ca), q: req.query.q });
      return { data: rows.map((c) => ({ id: c.id, number: c.number, subject: c.subject, status: c.status, type: c.type, createdAt: c.created_at })) };
    },
  );

  r.get(
    '/api/v1/cases/form-options',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'What a new case can refer to: the keys you may see (with maintenance) and the people of your account to CC',
        response: {
          200: z.object({
            data: z.object({
              keys: z.array(z.object({
                id: z.string(), licenseKeyTail: z.string(), product: z.object({ id: z.string(), name: z.string() }), edition: z.string().nullable(),
                maintenanceEnd: z.string().nullable(), maintenanceStatus: z.enum(['active', 'expiring', 'expired', 'none']), status: z.string(),
                lastUsedVersion: z.string().nullable(), supportable: z.boolean(),
              })),
              people: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
            }),
          }),
        },
      },
    },
    async (req) => {
      const ca = await caseActor(req);
      const keysRepo = createKeysRepository({ db: deps.db });
      const scope = keyListScope(ca);
      const keys = [];
      let next: string | undefined;
      do {
        const page = await keysRepo.list({ scope, query: {}, limit: 500, cursor: next });
        keys.push(...page.items);
        next = page.nextCursor ?? undefined;
      } while (next && keys.length < 2000);
      const people = await deps.db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id as userId', 'u.name', 'u.email'])
        .where('m.account_id', '=', ca.actor.accountId)
        .where('m.status', '=', 'active')
        .where('u.status', '=', 'active')
        .orderBy('u.name')
        .execute();
      return {
        data: {
          keys: keys.map((k) => {
            const m = maintenanceStatus(k.maintenanceEnd);
            return {
              id: k.id, licenseKeyTail: k.licenseKey.slice(-5), product: { id: k.productId, name: k.productName }, edition: k.editionName,
              maintenanceEnd: k.maintenanceEnd, maintenanceStatus: m, status: k.status, lastUsedVersion: k.lastUsedVersion,
              supportable: k.status === 'active' && (m === 'active' || m === 'expiring'),
            };
          }),
          people,
        },
      };
    },
  );

  r.post(
    '/api/v1/cases',
    {
      config: { auth: 'user' },
      schema: { tags: ['cases'], summary: 'Fall erstellen: Technischer Support (about a key under maintenance) or Kundendienst', body: newCaseSchema, response: { 201: z.object({ data: caseSchema }) } },
    },
    async (req, reply) => {
      const ca = await caseActor(req);
      const c = await createCase({ deps, ca, input: req.body, ip: req.ip });
      return reply.status(201).header('etag', etagOf(c.version)).header('location', `/api/v1/cases/${c.id}`).send({ data: presentCase(ca, c) });
    },
  );

  r.get(
    '/api/v1/cases/:caseId',
    { config: { auth: 'user' }, schema: { tags: ['cases'], summary: 'One case (ETag); counts as viewed for "Zuletzt angezeigte Fälle"', params: caseParams, response: { 200: z.object({ data: caseSchema }) } } },
    async (req, reply) => {
      const ca = await caseActor(req);
      const c = await getVisibleCase({ deps, ca, caseId: req.params.caseId });
      await recordCaseView(deps, ca.actor.userId, c.id);
      reply.header('etag', etagOf(c.version));
      return { data: presentCase(ca, c) };
    },
  );

  r.patch(
    '/api/v1/cases/:caseId',
    {
      config: { auth: 'user' },
      schema: { tags: ['cases'], summary: 'Bearbeiten: severity, contact, CCs, related key, description (If-Match required)', params: caseParams, body: casePatchSchema, response: { 200: z.object({ data: caseSchema }) } },
    },
    async (req, reply) => {
      const ca = await caseActor(req);
      const c = await updateCase({ deps, ca, caseId: req.params.caseId, expectedVersion: requireIfMatch(req), patch: req.body, ip: req.ip });
      reply.header('etag', etagOf(c.version));
      return { data: presentCase(ca, c) };
    },
  );

  r.get(
    '/api/v1/cases/:caseId/comments',
    {
      config: { auth: 'user' },
      schema: { tags: ['cases'], summary: 'The timeline: public comments and status changes, oldest first', params: caseParams, response: { 200: z.object({ data: z.array(timelineEntrySchema) }) } },
    },
    async (req) => {
      const ca = await caseActor(req);
      const c = await getVisibleCase({ deps, ca, caseId: req.params.caseId });
      return { data: (await cases.timeline(c.id, { includeInternal: false })).map(presentTimelineEntry) };
    },
  );

  r.post(
    '/api/v1/cases/:caseId/comments',
    {
      config: { auth: 'user' },
      schema: { tags: ['cases'], summary: 'Kommentar hinzufügen (support is notified automatically)', params: caseParams, body: commentSchema, response: { 201: z.object({ data: z.object({ id: z.string(), createdAt: z.string() }) }) } },
    },
    async (req, reply) => {
      const ca = await caseActor(req);
      return reply.status(201).send({ data: await addCustomerComment({ deps, ca, caseId: req.params.caseId, body: req.body.body, ip: req.ip }) });
    },
  );

  r.post(
    '/api/v1/cases/:caseId/solve',
    { config: { auth: 'user' }, schema: { tags: ['cases'], summary: 'Mark the case solved', params: caseParams, response: { 200: z.object({ data: caseSchema }) } } },
    async (req, reply) => {
      const ca = await caseActor(req);
      const c = await solveCase({ deps, ca, caseId: req.params.caseId, ip: req.ip });
      reply.header('etag', etagOf(c.version));
      return { data: presentCase(ca, c) };
    },
  );

  r.post(
    '/api/v1/cases/:caseId/reopen',
    { config: { auth: 'user' }, schema: { tags: ['cases'], summary: 'Reopen a case solved within the last 14 days', params: caseParams, response: { 200: z.object({ data: caseSchema }) } } },
    async (req, reply) => {
      const ca = await caseActor(req);
      const c = await reopenCase({ deps, ca, caseId: req.params.caseId, ip: req.ip });
      reply.header('etag', etagOf(c.version));
      return { data: presentCase(ca, c) };
    },
  );
}
