import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, ensureAuthenticated, type StaffActor } from '../../app/auth/actor.js';
import { errors } from '../../app/errors.js';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { canWorkCase, type StaffCaseScope, staffCaseScope } from './cases.policy.js';
import { presentStaffCase, presentStaffCaseSummary, presentTimelineEntry } from './cases.presenter.js';
import { createCasesRepository } from './cases.repository.js';
import { staffCaseSchema, staffCaseSummarySchema, staffCommentSchema, staffListQuery, staffPatchSchema, timelineEntrySchema } from './cases.schemas.js';
import { caseNotFound, staffComment, staffUpdateCase } from './cases.usecases.js';

const caseParams = z.object({ caseId: z.string().min(1).max(100) });

/** Customers never learn the console's routes exist (404); staff who do not work cases get 403. */
function ensureCaseWorker(actor: Actor): { staff: StaffActor; scope: StaffCaseScope } {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  return { staff: actor, scope: staffCaseScope(actor) };
}

export async function staffCasesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const cases = createCasesRepository({ db: deps.db, dialect: deps.dialect });

  /** A case inside the staff member's queues, or 404. */
  async function workableCase(req: FastifyRequest, caseId: string) {
    const { staff, scope } = ensureCaseWorker(req.actor);
    const c = await cases.find(caseId);
    if (!c || !canWorkCase(scope, c)) throw caseNotFound();
    return { staff, c };
  }

  r.get(
    '/api/v1/staff/cases',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Support console queues: by type and status, unassigned or mine, overdue first response; newest or most urgent first',
        querystring: staffListQuery,
        response: { 200: z.object({ data: z.array(staffCaseSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { staff, scope } = ensureCaseWorker(req.actor);
      const { limit, cursor, ...query } = req.query;
      const { items, nextCursor } = await cases.staffList({ scope, staffUserId: staff.userId, query, limit, cursor });
      return { data: items.map(presentStaffCaseSummary), nextCursor };
    },
  );

  r.get(
    '/api/v1/staff/cases/agents',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'The staff a case can be assigned to',
        response: { 200: z.object({ data: z.array(z.object({ userId: z.string(), name: z.string(), staffRole: z.string() })) }) },
      },
    },
    async (req) => {
      ensureCaseWorker(req.actor);
      const rows = await deps.db
        .selectFrom('users')
        .select(['id', 'name', 'staff_role'])
        .where('kind', '=', 'staff')
        .where('status', '=', 'active')
        .where('staff_role', 'in', ['agent', 'billing', 'admin'])
        .orderBy('name')
        .execute();
      return { data: rows.map((u) => ({ userId: u.id, name: u.name, staffRole: u.staff_role ?? 'agent' })) };
    },
  );

  r.get(
    '/api/v1/staff/cases/:caseId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'One case with its account and first-response target (ETag)', params: caseParams, response: { 200: z.object({ data: staffCaseSchema }) } } },
    async (req, reply) => {
      const { c } = await workableCase(req, req.params.caseId);
      reply.header('etag', etagOf(c.version));
      return { data: presentStaffCase(c) };
    },
  );

  r.patch(
    '/api/v1/staff/cases/:caseId',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'Assign, change status or severity (If-Match required)', params: caseParams, body: staffPatchSchema, response: { 200: z.object({ data: staffCaseSchema }) } },
    },
    async (req, reply) => {
      const { staff, c } = await workableCase(req, req.params.caseId);
      const after = await staffUpdateCase({ deps, staffUserId: staff.userId, c, expectedVersion: requireIfMatch(req), patch: req.body, ip: req.ip });
      reply.header('etag', etagOf(after.version));
      return { data: presentStaffCase(after) };
    },
  );

  r.get(
    '/api/v1/staff/cases/:caseId/comments',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'The whole timeline, internal notes and assignments included', params: caseParams, response: { 200: z.object({ data: z.array(timelineEntrySchema) }) } },
    },
    async (req) => {
      const { c } = await workableCase(req, req.params.caseId);
      return { data: (await cases.timeline(c.id, { includeInternal: true })).map(presentTimelineEntry) };
    },
  );

  r.post(
    '/api/v1/staff/cases/:caseId/comments',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'A public reply (mailed to the contact and CCs) or an internal note (staff only)',
        params: caseParams,
        body: staffCommentSchema,
        response: { 201: z.object({ data: z.object({ id: z.string(), createdAt: z.string() }) }) },
      },
    },
    async (req, reply) => {
      const { staff, c } = await workableCase(req, req.params.caseId);
      const comment = await staffComment({ deps, staffUserId: staff.userId, c, body: req.body.body, visibility: req.body.visibility, status: req.body.status, ip: req.ip });
      return reply.status(201).send({ data: comment });
    },
  );
}
