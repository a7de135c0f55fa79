import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { localeSchema } from '../users/users.schemas.js';
import { ensureCanCreateAccounts, ensureCanListAllAccounts, ensureCanManageAccountSecurity, ensureCanReadAccount } from './accounts.policy.js';
import { type Account, createAccountsRepository } from './accounts.repository.js';
import { createAccountWithAdmin, setAccountRequiresMfa } from './accounts.usecases.js';
import { createError } from '../../app/errors.js';

const accountNotFound = createError({ code: 'account.not_found', status: 404, message: 'Account not found' });

const presentAccount = (a: Account) => ({ id: a.id, number: a.number, name: a.name, currency: a.currency, locale: a.locale, requireMfa: a.requireMfa });

const accountSchema = z.object({ id: z.string(), number: z.string(), name: z.string(), currency: z.string(), locale: z.string(), requireMfa: z.boolean() });

const createAccountSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
  locale: localeSchema.default('de'),
  admin: z.strictObject({ email: z.email().max(320), name: z.string().trim().min(1).max(200), locale: localeSchema.optional() }),
});

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
  const deps = app.deps;
  const accounts = createAccountsRepository({ db: app.deps.db });

  r.get(
    '/api/v1/account',
    { config: { auth: 'user' }, schema: { tags: ['account'], summary: 'The account in use', response: { 200: z.object({ data: accountSchema }) } } },
    async (req) => {
      const actor = ensureCanReadAccount(req.actor);
      const a = await accounts.findAccountById(actor.accountId);
      if (!a) throw accountNotFound();
      return { data: presentAccount(a) };
    },
  );

  r.put(
    '/api/v1/account/security',
    {
      config: { auth: 'user' },
      schema: { tags: ['account'], summary: 'Require two-factor authentication of every user of the account (admins)', body: z.strictObject({ requireMfa: z.boolean() }), response: { 200: z.object({ data: accountSchema }) } },
    },
    async (req) => {
      const actor = ensureCanManageAccountSecurity(req.actor);
      await setAccountRequiresMfa({ deps, actor, requireMfa: req.body.requireMfa, ip: req.ip });
      return { data: presentAccount((await accounts.findAccountById(actor.accountId))!) };
    },
  );

  r.post(
    '/api/v1/staff/accounts',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Create a customer account with its first administrator (invited by mail)',
        body: createAccountSchema,
        response: { 201: z.object({ data: z.object({ account: accountSchema, admin: z.object({ id: z.string(), email: z.string(), name: z.string() }) }) }) },
      },
    },
    async (req, reply) => {
      const actor = ensureCanCreateAccounts(req.actor);
      const { account, admin } = await createAccountWithAdmin({ deps, actor, input: req.body, ip: req.ip });
      return reply.status(201).send({
        data: {
          account: presentAccount(account),
          admin: { id: admin.userId, email: admin.email, name: admin.name },
        },
      });
    },
  );

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
