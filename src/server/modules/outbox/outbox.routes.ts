import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createError } from '../../app/errors.js';
import { pageQuery } from '../../app/pagination.js';
import { ensureCanReadOutbox } from './outbox.policy.js';
import { createOutboxRepository } from './outbox.repository.js';
import { mailDetailSchema, mailSummarySchema } from './outbox.schemas.js';

const mailNotFound = createError({ code: 'mail.not_found', status: 404, message: 'Mail not found' });

export async function outboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const outbox = createOutboxRepository({ db: app.deps.db });

  r.get(
    '/api/v1/staff/outbox',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Postausgang: every mail Portico sent or holds, newest first',
        querystring: z.strictObject(pageQuery),
        response: { 200: z.object({ data: z.array(mailSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      ensureCanReadOutbox(req.actor);
      const { items, nextCursor } = await outbox.listMails(req.query);
      return { data: items, nextCursor };
    },
  );

  r.get(
    '/api/v1/staff/outbox/:mailId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'One mail of the outbox with its body',
        params: z.object({ mailId: z.string().max(100) }),
        response: { 200: z.object({ data: mailDetailSchema }) },
      },
    },
    async (req) => {
      ensureCanReadOutbox(req.actor);
      const mail = await outbox.findMail(req.params.mailId);
      if (!mail) throw mailNotFound();
      return { data: mail };
    },
  );
}
