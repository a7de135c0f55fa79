import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../app/auth/session-hooks.js';
import { meSchema } from '../users/users.schemas.js';
import { presentMe } from '../users/users.presenter.js';
import { getMe } from '../users/users.usecases.js';
import { loginSchema } from './auth.schemas.js';
import { actorFromSession, login, logout } from './auth.usecases.js';
import { createAuthRepository } from './auth.repository.js';
import { sha256Hex } from '../../app/ids.js';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;

  r.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: loginSchema,
        response: { 200: z.object({ data: meSchema }) },
      },
    },
    async (req, reply) => {
      const { token } = await login({
        db,
        config,
        email: req.body.email,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
      });
      setSessionCookie(reply, config, token);
      const session = await createAuthRepository({ db }).findSessionByTokenHash(sha256Hex(token));
      if (!session) throw new Error('session vanished right after login');
      const actor = actorFromSession(session);
      const { user, memberships } = await getMe({ db, actor });
      return { data: presentMe({ user, actor, memberships, session }) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { auth: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server and clears the cookie' },
    },
    async (req, reply) => {
      await logout({ db, actor: req.actor, accountId: req.session?.accountId ?? null, ip: req.ip });
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );
}
