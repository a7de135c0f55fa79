import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../app/auth/session-hooks.js';
import { meSchema, mfaCodeSchema, passwordField } from '../users/users.schemas.js';
import { loginSchema } from './auth.schemas.js';
import { createAuthRepository } from './auth.repository.js';
import { completeMfaLogin, login, logout } from './auth.usecases.js';
import { signedInResponse } from './signed-in.js';
import { requestPasswordReset, resetPassword } from './password-reset.usecases.js';

const loginResponse = {
  200: z.object({
    /** null while the second factor is still to come (`mfaRequired`). */
    data: meSchema.nullable(),
    mfaRequired: z.boolean(),
  }),
};

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, config } = deps;

  const signedIn = (reply: FastifyReply, token: string) => signedInResponse({ deps, reply, token });

  r.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: { tags: ['auth'], summary: 'Sign in with email and password; sets the session cookie', body: loginSchema, response: loginResponse },
    },
    async (req, reply) => {
      const result = await login({
        db, config, email: req.body.email, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
      });
      if (result.mfaRequired) {
        setSessionCookie(reply, config, result.token);
        return { data: null, mfaRequired: true };
      }
      return signedIn(reply, result.token);
    },
  );

  r.post(
    '/api/v1/auth/mfa',
    {
      config: { auth: 'mfa_pending' },
      schema: { tags: ['auth'], summary: 'Second sign-in step: a TOTP code or a recovery code', body: mfaCodeSchema, response: loginResponse },
    },
    async (req, reply) => {
      try {
        const { token } = await completeMfaLogin({
          db, config, session: req.session!, code: req.body.code, ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
        });
        return await signedIn(reply, token);
      } catch (err) {
        if ((err as { code?: string }).code === 'auth.mfa_attempts_exceeded') clearSessionCookie(reply, config);
        throw err;
      }
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { auth: 'public' }, schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server and clears the cookie' } },
    async (req, reply) => {
      if (req.actor.kind === 'anonymous' && req.session) await createAuthRepository({ db }).deleteSession(req.session.id);
      await logout({ db, actor: req.actor, accountId: req.session?.accountId ?? null, ip: req.ip });
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/auth/password-reset',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Request a password reset link; the answer is the same whether or not the address is known',
        body: z.strictObject({ email: z.string().trim().min(3).max(320) }),
        response: { 202: z.object({ data: z.object({ requested: z.literal(true) }) }) },
      },
    },
    async (req, reply) => {
      await requestPasswordReset({ deps, email: req.body.email, ip: req.ip });
      return reply.status(202).send({ data: { requested: true } });
    },
  );

  r.post(
    '/api/v1/auth/password-reset/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link; ends every session (sign in again, with MFA if on)',
        params: z.object({ token: z.string().max(500) }),
        body: z.strictObject({ password: passwordField }),
      },
    },
    async (req, reply) => {
      await resetPassword({ deps, token: req.params.token, password: req.body.password, ip: req.ip });
      return reply.status(204).send();
    },
  );
}
