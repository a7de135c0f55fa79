import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../app/auth/actor.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { csvStream, xlsxStream } from './report-export.js';
import { ensureReportRunner, ensureReportsUser, type ReportActor, type ReportScope, customerReportScope, runnableReports } from './reports.policy.js';
import { createReportsRepository } from './reports.repository.js';
import { createSubscription, deleteSubscription, listSubscriptions, presentSubscription } from './report-subscriptions.js';
import {
  newSubscriptionSchema,
  REPORT_FILTERS,
  type ReportId,
  reportInfoSchema,
  reportParams,
  reportQuery,
  reportResultSchema,
  subscriptionSchema,
} from './reports.schemas.js';
import { exportFileName, exportReport, type Locale, type ResolvedFilters, resolveFilters, runReport, userLocale } from './reports.usecases.js';

/** The export of one report as a streamed download (CSV or XLSX), never the whole result in memory. */
export function sendReportExport(
  reply: FastifyReply,
  { exp, reportId, format, locale, today }: { exp: ReturnType<typeof exportReport>; reportId: ReportId; format: 'csv' | 'xlsx'; locale: Locale; today: string },
) {
  const name = exportFileName(reportId, locale, format, today);
  const body = format === 'csv' ? csvStream(exp) : xlsxStream(exp, { sheetName: name.replace(/-\d{4}-\d{2}-\d{2}\.\w+$/, '') });
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body as never);
}

/** Splits a report request's query into the report's filters and the output options. */
export function splitQuery(query: z.infer<typeof reportQuery>) {
  const { format, lang, ...filters } = query;
  return { format, lang, filters };
}

export async function reportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const repo = createReportsRepository({ db: deps.db, dialect: deps.dialect });
  const groups = createKeyGroupsRepository({ db: deps.db });

  /** The customer with the key groups they manage, when a key or case scope needs them. */
  async function reportActor(req: FastifyRequest, reportId: ReportId): Promise<ReportActor> {
    const actor = ensureReportRunner(req.actor, reportId);
    const needsGroups = (can(actor, 'read:keys:groups') && !can(actor, 'read:keys:all')) || (can(actor, 'read:cases:keys') && !can(actor, 'read:cases:all'));
    return { actor, managedGroupIds: needsGroups ? await groups.managedBy(actor.userId, actor.accountId) : [] };
  }

  r.get(
    '/api/v1/reports',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['reports'],
        summary: 'The reports you may run, with the filters each takes',
        response: { 200: z.object({ data: z.array(reportInfoSchema) }) },
      },
    },
    async (req) => {
      const actor = ensureReportsUser(req.actor);
      return { data: runnableReports(actor).map((id) => ({ id, filters: [...REPORT_FILTERS[id]] })) };
    },
  );

  r.get(
    '/api/v1/reports/:reportId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['reports'],
        summary: 'One report within your rights: chart series, table and totals; ?format=csv|xlsx streams its rows as a download',
        params: reportParams,
        querystring: reportQuery,
        response: { 200: z.object({ data: reportResultSchema }) },
      },
    },
    async (req, reply) => {
      const { reportId } = req.params;
      const ra = await reportActor(req, reportId);
      const { format, lang, filters: raw } = splitQuery(req.query);
      const filters: ResolvedFilters = resolveFilters(reportId, raw);
      const scope: ReportScope = customerReportScope(ra);
      if (format !== 'json') {
        const locale = lang ?? (await userLocale(deps.db, ra.actor.userId, ra.actor.accountId));
        const exp = exportReport({ repo, reportId, scope, filters, locale, ra });
        return sendReportExport(reply, { exp, reportId, format, locale, today: filters.today });
      }
      return { data: await runReport({ repo, reportId, scope, filters, ra }) };
    },
  );

  r.get(
    '/api/v1/report-subscriptions',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['reports'],
        summary: 'Your scheduled reports in this account (weekly or monthly by mail)',
        response: { 200: z.object({ data: z.array(subscriptionSchema) }) },
      },
    },
    async (req) => {
      const actor = ensureReportsUser(req.actor);
      return { data: (await listSubscriptions({ db: deps.db, actor })).map(presentSubscription) };
    },
  );

  r.post(
    '/api/v1/report-subscriptions',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['reports'],
        summary: 'Subscribe to a report with its filters: mailed weekly (Mondays) or monthly (the 1st) as XLSX or CSV, with your rights at the time it is sent',
        body: newSubscriptionSchema,
        response: { 201: z.object({ data: subscriptionSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureReportsUser(req.actor);
      const subscription = await createSubscription({ deps, actor, input: req.body, ip: req.ip });
      return reply.code(201).send({ data: presentSubscription(subscription) });
    },
  );

  r.delete(
    '/api/v1/report-subscriptions/:subscriptionId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['reports'],
        summary: 'End one of your report subscriptions',
        params: z.object({ subscriptionId: z.string().min(1).max(100) }),
      },
    },
    async (req, reply) => {
      const actor = ensureReportsUser(req.actor);
      await deleteSubscription({ deps, actor, subscriptionId: req.params.subscriptionId, ip: req.ip });
      return reply.code(204).send();
    },
  );
}
