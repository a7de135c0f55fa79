import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { activityScope } from './audit.policy.js';
import { type ActivityFilter, createAuditRepository } from './audit.repository.js';
import { csvRow } from './csv.js';

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

const activityQuery = z.strictObject({
  ...pageQuery,
  userId: z.string().max(100).optional(),
  action: z.string().max(100).regex(/^[a-z_.]+$/).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const toIso = (v: string | undefined, endOfDay = false) => {
  if (!v) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00.000Z`).getTime() + (endOfDay ? 86_400_000 : 0);
  return Date.parse(v);
};

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const audit = createAuditRepository({ db: app.deps.db });

  r.get(
    '/api/v1/account/activity',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['account'],
        summary: "The account's activity log, newest first (admins: everyone's; others: their own). ?format=csv streams all matching rows",
        querystring: activityQuery,
        response: { 200: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const scope = activityScope(req.actor);
      const { limit, cursor, format, from, to, ...rest } = req.query;
      const fromMs = toIso(from);
      const toMs = toIso(to, true);
      const filter: ActivityFilter = {
        actorUserId: scope.actorUserId,
        ...rest,
        ...(fromMs !== undefined ? { from: new Date(fromMs).toISOString() } : {}),
        ...(toMs !== undefined ? { to: new Date(toMs).toISOString() } : {}),
      };
      if (format === 'csv') {
        // Streams page by page: the export never holds the whole log in memory.
        async function* rows() {
          // A byte-order mark so spreadsheet programs read the file as UTF-8.
          yield `\uFEFF${csvRow(['at', 'action', 'actor_name', 'actor_email', 'target_type', 'target_id', 'ip', 'data'])}`;
          let next: string | undefined;
          do {
            const page = await audit.listAccountEvents({ accountId: scope.accountId, filter, limit: 500, cursor: next });
            for (const e of page.items) yield csvRow([e.at, e.action, e.actor?.name, e.actor?.email, e.targetType, e.targetId, e.ip, e.data]);
            next = page.nextCursor ?? undefined;
          } while (next);
        }
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="activity-${stamp}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(rows()) as never);
      }
      const { items, nextCursor } = await audit.listAccountEvents({ accountId: scope.accountId, filter, limit, cursor });
      return { data: items, nextCursor };
    },
  );
}
