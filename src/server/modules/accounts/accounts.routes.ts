import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { localeSchema } from '../users/users.schemas.js';
import { ensureCanCreateAccounts, ensureCanListAllAccounts, ensureCanManageAccountSecurity, ensureCanReadAccount } from './accounts.policy.js';
import { type Account, type AccountWithBilling, createAccountsRepository } from './accounts.repository.js';
import { createAccountWithAdmin, setAccountRequiresMfa, updateAccountBilling } from './accounts.usecases.js';
import { type Actor, can, ensureCan } from '../../app/auth/actor.js';
import { createError } from '../../app/errors.js';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { accountPatchSchema, accountSchema } from '../invoices/invoices.schemas.js';
import { canManageAccountBilling } from '../invoices/invoices.policy.js';

const accountNotFound = createError({ code: 'account.not_found', status: 404, message: 'Account not found' });

/** Everyone in the account reads its name and number; billing data only those who may change it. */
const presentAccount = (actor: Actor, a: AccountWithBilling) => ({
  id: a.id,
  number: a.number,
  name: a.name,
  currency: a.currency,
  locale: a.locale,
  requireMfa: a.requireMfa,
  version: a.version,
  billing: canManageAccountBilling(actor) ? a.billing : null,
  abilities: { editBilling: canManageAccountBilling(actor), manageSecurity: can(actor, 'manage:users') },
});

const presentNewAccount = (a: Account) => ({ id: a.id, number: a.number, name: a.name, currency: a.currency, locale: a.locale, requireMfa: a.requireMfa });
const newAccountSchema = z.object({ id: z.string(), number: z.string(), name: z.string(), currency: z.string(), locale: z.string(), requireMfa: z.boolean() });

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
  /** What a new invoice for the account starts with in the console. */
  currency: z.string(),
  locale: localeSchema,
  memberCount: z.number().int(),
  createdAt: z.string(),
});

export async function accountsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const accounts = createAccountsRepository({ db: app.deps.db });

  r.get(
    '/api/v1/account',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['account'],
        summary: 'The account in use (ETag); with Kontodaten (addresses, billing contact, VAT id, PO reference) for admins and billing users',
        response: { 200: z.object({ data: accountSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureCanReadAccount(req.actor);
      const a = await accounts.findAccountWithBilling(actor.accountId);
      if (!a) throw accountNotFound();
      reply.header('etag', etagOf(a.version));
      return { data: presentAccount(actor, a) };
    },
  );

  r.patch(
    '/api/v1/account',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['account'],
        summary: 'Kontodaten bearbeiten: billing and shipping address, billing contact, VAT id (format checked per country), PO reference (If-Match required; issued invoices keep their snapshot)',
        body: accountPatchSchema,
        response: { 200: z.object({ data: accountSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureCanReadAccount(req.actor);
      ensureCan(actor, 'manage:account_billing');
      const a = await updateAccountBilling({ deps, actor, expectedVersion: requireIfMatch(req), patch: req.body, ip: req.ip });
      reply.header('etag', etagOf(a.version));
      return { data: presentAccount(actor, a) };
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
      return { data: presentAccount(actor, (await accounts.findAccountWithBilling(actor.accountId))!) };
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
        response: { 201: z.object({ data: z.object({ account: newAccountSchema, admin: z.object({ id: z.string(), email: z.string(), name: z.string() }) }) }) },
      },
    },
    async (req, reply) => {
      const actor = ensureCanCreateAccounts(req.actor);
      const { account, admin } = await createAccountWithAdmin({ deps, actor, input: req.body, ip: req.ip });
      return reply.status(201).send({
        data: {
          account: presentNewAccount(account),
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
        summary: 'All customer accounts, newest first; search by name or number, or name one by id (a bookmarked filter)',
        querystring: z.strictObject({ ...pageQuery, q: z.string().trim().max(200).optional(), id: z.string().trim().max(64).optional() }),
        response: { 200: z.object({ data: z.array(staffAccountSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      ensureCanListAllAccounts(req.actor);
      const { items, nextCursor } = await accounts.listAccounts(req.query);
      return {
        data: items.map((a) => ({ id: a.id, number: a.number, name: a.name, status: a.status, currency: a.currency, locale: a.locale as 'de' | 'en', memberCount: a.memberCount, createdAt: a.createdAt })),
        nextCursor,
      };
    },
  );
}
