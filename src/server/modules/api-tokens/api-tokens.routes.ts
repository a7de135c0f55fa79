import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, ensureCan, ensureCustomerInAccount } from '../../app/auth/actor.js';
import { API_TOKEN_SCOPES } from './api-token-scopes.js';
import { API_TOKEN_LIFETIMES_DAYS, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';

const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters, to tell tokens apart; the secret itself is shown once only. */
  hint: z.string(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});

const createApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1).max(API_TOKEN_SCOPES.length),
  lifetimeDays: z.union(API_TOKEN_LIFETIMES_DAYS.map((d) => z.literal(d)) as [z.ZodLiteral<7>, z.ZodLiteral<30>, z.ZodLiteral<90>, z.ZodLiteral<365>]),
});

type View = Awaited<ReturnType<typeof listApiTokens>>[number];
const present = (t: View): z.infer<typeof apiTokenSchema> => ({
  id: t.id,
  name: t.name,
  hint: t.hint,
  scopes: t.scopes,
  user: { id: t.userId, name: t.userName, email: t.userEmail },
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  lastUsedIp: t.lastUsedIp,
  revokedAt: t.revokedAt,
  status: t.revokedAt ? 'revoked' : Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active',
});

/**
 * Personal API tokens: `/api/v1/me/api-tokens` for one's own (in the account in use), and
 * `/api/v1/account/api-tokens` for the account's admins, who see and may revoke everyone's. Only
 * a signed-in session manages tokens; a token itself cannot (api-token-scopes.ts).
 */
export async function apiTokensRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/me/api-tokens',
    {
      config: { auth: 'user' },
      schema: { tags: ['me'], summary: 'Your personal API tokens in the account in use (revoked and expired ones for 30 days)', response: { 200: z.object({ data: z.array(apiTokenSchema) }) } },
    },
    async (req) => {
      const actor = req.actor;
      ensureCustomerInAccount(actor);
      return { data: (await listApiTokens({ db, accountId: actor.accountId, userId: actor.userId })).map(present) };
    },
  );

  r.post(
    '/api/v1/me/api-tokens',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['me'],
        summary: 'Create a personal API token (Authorization: Bearer …). The secret is in this answer only.',
        body: createApiTokenSchema,
        response: { 201: z.object({ data: apiTokenSchema, secret: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = req.actor;
      ensureCustomerInAccount(actor);
      const { token, secret } = await createApiToken({ db, actor, input: req.body, ip: req.ip });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ data: present(token), secret });
    },
  );

  r.delete(
    '/api/v1/me/api-tokens/:tokenId',
    {
      config: { auth: 'user' },
      schema: { tags: ['me'], summary: "Revoke a token: your own, or (account admins) anyone's in the account", params: z.object({ tokenId: z.string().max(100) }) },
    },
    async (req, reply) => {
      const actor = req.actor;
      ensureCustomerInAccount(actor);
      await revokeApiToken({ db, actor, tokenId: req.params.tokenId, mayManageOthers: can(actor, 'manage:users'), ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/account/api-tokens',
    {
      config: { auth: 'user' },
      schema: { tags: ['account'], summary: "Every user's API tokens in the account (admins)", response: { 200: z.object({ data: z.array(apiTokenSchema) }) } },
    },
    async (req) => {
      const actor = req.actor;
      ensureCustomerInAccount(actor);
      ensureCan(actor, 'manage:users');
      return { data: (await listApiTokens({ db, accountId: actor.accountId, userId: null })).map(present) };
    },
  );
}
