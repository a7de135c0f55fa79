import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CustomerActor } from '../../app/auth/actor.js';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { login } from '../auth/auth.usecases.js';
import { signedInResponse } from '../auth/signed-in.js';
import { accountUserAbilities, ensureCanManageAccountUsers } from './account-users.policy.js';
import { type AccountUser, createAccountUsersRepository } from './account-users.repository.js';
import { acceptInvitationSchema, accountUserSchema, invitationSchema, inviteUserSchema, listUsersQuery, updateUserSchema } from './account-users.schemas.js';
import { accountUserNotFound, inviteAccountUser, removeAccountUser, resendInvitation, updateAccountUser } from './account-users.usecases.js';
import { acceptInvitation, getInvitation } from './invitations.usecases.js';
import { meSchema } from './users.schemas.js';

const presentAccountUser = (actor: CustomerActor, u: AccountUser) => ({
  id: u.userId,
  email: u.email,
  name: u.name,
  role: u.role,
  caseAdmin: u.caseAdmin,
  billing: u.billing,
  downloads: u.downloads,
  keyGroups: u.keyGroups,
  status: u.status,
  mfaEnabled: u.mfaEnabled,
  lastLoginAt: u.lastLoginAt,
  createdAt: u.createdAt,
  version: u.version,
  abilities: accountUserAbilities(actor, u),
});

const userParams = z.object({ userId: z.string().min(1).max(100) });
// Any text may follow /invitations/: a malformed link is as unknown as a well-formed one that
// matches nothing (404 from the usecase), not a validation error that tells them apart.
const invitationParams = z.object({ token: z.string() });
const oneUser = { 200: z.object({ data: accountUserSchema }) };

export async function accountUsersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, config } = deps;
  const repo = createAccountUsersRepository({ db });

  r.get(
    '/api/v1/account/users',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['account users'],
        summary: 'The users of the account in use (admins only); search, role and status filters, sorted by name',
        querystring: listUsersQuery,
        response: { 200: z.object({ data: z.array(accountUserSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      const { limit, cursor, ...filter } = req.query;
      const { items, nextCursor } = await repo.list({ accountId: actor.accountId, filter, limit, cursor });
      return { data: items.map((u) => presentAccountUser(actor, u)), nextCursor };
    },
  );

  r.post(
    '/api/v1/account/users',
    {
      config: { auth: 'user' },
      schema: { tags: ['account users'], summary: 'Invite a user by email (a person with a login elsewhere gets a membership)', body: inviteUserSchema, response: { 201: z.object({ data: accountUserSchema }) } },
    },
    async (req, reply) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      const { user } = await inviteAccountUser({ deps, actor, input: req.body, ip: req.ip });
      return reply.status(201).header('etag', etagOf(user.version)).send({ data: presentAccountUser(actor, user) });
    },
  );

  r.get(
    '/api/v1/account/users/:userId',
    { config: { auth: 'user' }, schema: { tags: ['account users'], summary: 'One user of the account, with its ETag', params: userParams, response: oneUser } },
    async (req, reply) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      const user = await repo.find({ accountId: actor.accountId, userId: req.params.userId });
      if (!user) throw accountUserNotFound();
      reply.header('etag', etagOf(user.version));
      return { data: presentAccountUser(actor, user) };
    },
  );

  r.patch(
    '/api/v1/account/users/:userId',
    {
      config: { auth: 'user' },
      schema: { tags: ['account users'], summary: 'Change role, flags, key groups or status (If-Match required)', params: userParams, body: updateUserSchema, response: oneUser },
    },
    async (req, reply) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      const expectedVersion = requireIfMatch(req);
      const { user } = await updateAccountUser({ deps, actor, userId: req.params.userId, expectedVersion, patch: req.body, ip: req.ip });
      reply.header('etag', etagOf(user.version));
      return { data: presentAccountUser(actor, user) };
    },
  );

  r.delete(
    '/api/v1/account/users/:userId',
    { config: { auth: 'user' }, schema: { tags: ['account users'], summary: 'Remove the user from the account (their login stays for other accounts)', params: userParams } },
    async (req, reply) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      await removeAccountUser({ deps, actor, userId: req.params.userId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/account/users/:userId/resend-invitation',
    { config: { auth: 'user' }, schema: { tags: ['account users'], summary: 'Send a new invitation link (the old one stops working)', params: userParams } },
    async (req, reply) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      await resendInvitation({ deps, actor, userId: req.params.userId, ip: req.ip });
      return reply.status(202).send({ data: { sent: true } });
    },
  );

  r.get(
    '/api/v1/account/key-groups',
    {
      config: { auth: 'user' },
      schema: { tags: ['account users'], summary: 'The key groups of the account (to assign to key managers)', response: { 200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) }) } },
    },
    async (req) => {
      const actor = ensureCanManageAccountUsers(req.actor);
      return { data: await repo.listKeyGroups(actor.accountId) };
    },
  );

  r.get(
    '/api/v1/invitations/:token',
    {
      config: { auth: 'public' },
      schema: { tags: ['invitations'], summary: 'What an invitation link is for (404 for any link that is not one)', params: invitationParams, response: { 200: z.object({ data: invitationSchema }) } },
    },
    async (req) => ({ data: (await getInvitation({ deps, token: req.params.token })).invitation }),
  );

  r.post(
    '/api/v1/invitations/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: set name and password, and sign in',
        params: invitationParams,
        body: acceptInvitationSchema,
        response: { 200: z.object({ data: meSchema.nullable(), mfaRequired: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const { user } = await acceptInvitation({ deps, token: req.params.token, input: req.body, ip: req.ip });
      const { token } = await login({ db, config, email: user.email, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 500) ?? null });
      return signedInResponse({ deps, reply, token });
    },
  );
}
