import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { ensureCanReadAccountActivity } from './audit.policy.js';
import { createAuditRepository } from './audit.repository.js';

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

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const audit = createAuditRepository({ db: app.deps.db });

  r.get(
    '/api/v1/account/activity',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['account'],
        summary: "The account in use's activity log, newest first",
        querystring: z.strictObject(pageQuery),
        response: { 200: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { accountId } = ensureCanReadAccountActivity(req.actor);
      const { items, nextCursor } = await audit.listAccountEvents({ accountId, ...req.query });
      return { data: items, nextCursor };
    },
  );
}
