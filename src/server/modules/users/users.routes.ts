import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ensureAuthenticated } from '../../app/auth/actor.js';
import { actorFromSession } from '../auth/auth.usecases.js';
import { presentMe } from './users.presenter.js';
import { meSchema, switchAccountSchema, updateMeSchema } from './users.schemas.js';
import { getMe, switchAccount, updateMe } from './users.usecases.js';

const meResponse = { 200: z.object({ data: meSchema }) };

export async function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/api/v1/me',
    { config: { auth: 'user' }, schema: { tags: ['me'], summary: 'The signed-in user, the account in use, memberships and abilities', response: meResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      const { user, memberships } = await getMe({ db, actor: req.actor });
      return { data: presentMe({ user, actor: req.actor, memberships, session: req.session! }) };
    },
  );

  r.patch(
    '/api/v1/me',
    { config: { auth: 'user' }, schema: { tags: ['me'], summary: 'Change your own name or language', body: updateMeSchema, response: meResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      await updateMe({ db, actor: req.actor, patch: req.body, ip: req.ip });
      const { user, memberships } = await getMe({ db, actor: req.actor });
      return { data: presentMe({ user, actor: req.actor, memberships, session: req.session! }) };
    },
  );

  r.post(
    '/api/v1/me/account',
    {
      config: { auth: 'user' },
      schema: { tags: ['me'], summary: 'Switch to another account you belong to', body: switchAccountSchema, response: meResponse },
    },
    async (req) => {
      ensureAuthenticated(req.actor);
      const { membership } = await switchAccount({ db, actor: req.actor, accountId: req.body.accountId, ip: req.ip });
      const session = { ...req.session!, accountId: membership.accountId, membership };
      const actor = actorFromSession(session);
      const { user, memberships } = await getMe({ db, actor });
      return { data: presentMe({ user, actor, memberships, session }) };
    },
  );
}
