import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../app/errors.js';
import { ensureAuthenticated } from '../../app/auth/actor.js';
import { canRunStaffReport, ensureStaffReportRunner, staffReportScope } from './reports.policy.js';
import { createReportsRepository } from './reports.repository.js';
import { sendReportExport, splitQuery } from './reports.routes.js';
import { REPORT_FILTERS, REPORT_IDS, reportInfoSchema, reportParams, reportQuery, reportResultSchema } from './reports.schemas.js';
import { exportReport, resolveFilters, runReport, userLocale } from './reports.usecases.js';

/**
 * The console's reports: the customers' reports across every account, or one (`accountId`), for
 * the staff roles that work that area (see canRunStaffReport). Customers get 404.
 */
export async function staffReportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const repo = createReportsRepository({ db: deps.db, dialect: deps.dialect });

  r.get(
    '/api/v1/staff/reports',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'The reports your staff role may run across accounts, with the filters each takes',
        response: { 200: z.object({ data: z.array(reportInfoSchema) }) },
      },
    },
    async (req) => {
      ensureAuthenticated(req.actor);
      if (req.actor.kind !== 'staff') throw errors.notFound();
      const staff = req.actor;
      const ids = REPORT_IDS.filter((id) => canRunStaffReport(staff, id));
      if (!ids.length) throw errors.forbidden();
      return { data: ids.map((id) => ({ id, filters: [...REPORT_FILTERS[id]] })) };
    },
  );

  r.get(
    '/api/v1/staff/reports/:reportId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'One report across all accounts or one account (accountId); ?format=csv|xlsx streams its rows',
        params: reportParams,
        querystring: reportQuery.extend({ accountId: z.string().min(1).max(100).optional() }),
        response: { 200: z.object({ data: reportResultSchema }) },
      },
    },
    async (req, reply) => {
      const { reportId } = req.params;
      const staff = ensureStaffReportRunner(req.actor, reportId);
      const { accountId, ...query } = req.query;
      if (accountId) {
        const account = await deps.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
        if (!account) throw errors.notFound();
      }
      const { format, lang, filters: raw } = splitQuery(query);
      const filters = resolveFilters(reportId, raw);
      const scope = staffReportScope(staff, reportId, accountId ?? null);
      if (format !== 'json') {
        const locale = lang ?? (await userLocale(deps.db, staff.userId, null));
        return sendReportExport(reply, { exp: exportReport({ repo, reportId, scope, filters, locale, ra: null }), reportId, format, locale, today: filters.today });
      }
      return { data: { ...(await runReport({ repo, reportId, scope, filters, ra: null })), filters: { ...filters.values, ...(accountId ? { accountId } : {}) } } };
    },
  );
}
