import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { ensureCanListAllAccounts } from './accounts.policy.js';
import { createAccountsRepository } from './accounts.repository.js';

const staffAccountSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  memberCount: z.number().int(),
  createdAt: z.string(),
});

export async function accountsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const accounts = createAccountsRepository({ db: app.deps.db });

  r.get(
    '/api/v1/staff/accounts',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'All customer accounts, newest first; search by name or number',
        querystring: z.strictObject({ ...pageQuery, q: z.string().trim().max(200).optional() }),
        response: { 200: z.object({ data: z.array(staffAccountSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      ensureCanListAllAccounts(req.actor);
      const { items, nextCursor } = await accounts.listAccounts(req.query);
      return {
        data: items.map((a) => ({ id: a.id, number: a.number, name: a.name, status: a.status, memberCount: a.memberCount, createdAt: a.createdAt })),
        nextCursor,
      };
    },
  );
}
