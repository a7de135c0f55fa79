import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthenticatedActor, can, ensureAuthenticated } from '../../app/auth/actor.js';
import { mayDownloadAnything } from '../downloads/downloads.usecases.js';
import type { ResolvedSession } from '../auth/auth.repository.js';
import { actorFromSession } from '../auth/auth.usecases.js';
import { presentMe } from './users.presenter.js';
import {
  changeEmailSchema,
  changePasswordSchema,
  meSchema,
  mfaCodeSchema,
  passwordConfirmSchema,
  sessionSchema,
  switchAccountSchema,
  updateMeSchema,
} from './users.schemas.js';
import { getMe, switchAccount, updateMe } from './users.usecases.js';
import {
  changePassword,
  confirmEmailChange,
  confirmTotpEnrollment,
  disableMfa,
  endOtherSessions,
  endSession,
  getMfaStatus,
  listSessions,
  regenerateRecoveryCodes,
  requestEmailChange,
  startTotpEnrollment,
} from './profile.usecases.js';

const meResponse = { 200: z.object({ data: meSchema }) };
const recoveryCodesResponse = { 200: z.object({ data: z.object({ recoveryCodes: z.array(z.string()) }) }) };
// The profile, MFA set-up and sign-out stay reachable while MFA enrolment is demanded.
const enrolment = { auth: 'user', duringMfaEnrollment: true } as const;

export async function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, config } = deps;

  /** The signed-in user as /me presents it, optionally for a session that just changed. */
  async function me(req: FastifyRequest, override?: { actor: AuthenticatedActor; session: ResolvedSession }) {
    const actor = override?.actor ?? (req.actor as AuthenticatedActor);
    const session = override?.session ?? req.session!;
    const { user, memberships, pendingEmail } = await getMe({ db, actor });
    const mayDownload = actor.kind === 'customer' && actor.accountId !== null && !can(actor, 'use:downloads') ? await mayDownloadAnything({ deps, actor: { ...actor, accountId: actor.accountId } }) : false;
    return { data: presentMe({ user, actor, memberships, session, staffMfaRequired: config.staffMfaRequired, pendingEmail, mayDownload }) };
  }

  r.get(
    '/api/v1/me',
    { config: enrolment, schema: { tags: ['me'], summary: 'The signed-in user, the account in use, memberships and abilities', response: meResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      return me(req);
    },
  );

  r.patch(
    '/api/v1/me',
    { config: enrolment, schema: { tags: ['me'], summary: 'Change your own name, language or notification preferences', body: updateMeSchema, response: meResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      await updateMe({ db, actor: req.actor, patch: req.body, ip: req.ip });
      return me(req);
    },
  );

  r.post(
    '/api/v1/me/account',
    { config: { auth: 'user', duringMfaEnrollment: true }, schema: { tags: ['me'], summary: 'Switch to another account you belong to', body: switchAccountSchema, response: meResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      const { membership, accountRequiresMfa } = await switchAccount({ db, actor: req.actor, accountId: req.body.accountId, ip: req.ip });
      const session = { ...req.session!, accountId: membership.accountId, membership, accountRequiresMfa };
      return me(req, { actor: actorFromSession(session), session });
    },
  );

  r.post(
    '/api/v1/me/password',
    { config: enrolment, schema: { tags: ['me'], summary: 'Change your password (ends your other sessions)', body: changePasswordSchema } },
    async (req, reply) => {
      ensureAuthenticated(req.actor);
      await changePassword({ deps, actor: req.actor, currentPassword: req.body.currentPassword, newPassword: req.body.newPassword, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/me/email',
    { config: { auth: 'user' }, schema: { tags: ['me'], summary: 'Change your sign-in address: confirmed from the new address', body: changeEmailSchema } },
    async (req, reply) => {
      ensureAuthenticated(req.actor);
      await requestEmailChange({ deps, actor: req.actor, newEmail: req.body.newEmail, currentPassword: req.body.currentPassword, ip: req.ip });
      return reply.status(202).send({ data: { pending: true } });
    },
  );

  r.post(
    '/api/v1/email-changes/:token',
    {
      config: { auth: 'public' },
      schema: { tags: ['me'], summary: 'Confirm a new sign-in address from the link sent to it', params: z.object({ token: z.string().max(500) }), response: { 200: z.object({ data: z.object({ email: z.string() }) }) } },
    },
    async (req) => ({ data: await confirmEmailChange({ deps, token: req.params.token, ip: req.ip }) }),
  );

  r.get(
    '/api/v1/me/sessions',
    { config: enrolment, schema: { tags: ['me'], summary: 'Your sessions (device, IP, last seen)', response: { 200: z.object({ data: z.array(sessionSchema) }) } } },
    async (req) => {
      ensureAuthenticated(req.actor);
      return { data: (await listSessions({ deps, actor: req.actor })).sessions };
    },
  );

  r.delete(
    '/api/v1/me/sessions',
    { config: enrolment, schema: { tags: ['me'], summary: 'End all your other sessions' } },
    async (req, reply) => {
      ensureAuthenticated(req.actor);
      await endOtherSessions({ deps, actor: req.actor, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/v1/me/sessions/:sessionId',
    { config: enrolment, schema: { tags: ['me'], summary: 'End one of your sessions', params: z.object({ sessionId: z.string().max(100) }) } },
    async (req, reply) => {
      ensureAuthenticated(req.actor);
      await endSession({ deps, actor: req.actor, sessionId: req.params.sessionId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/me/mfa',
    {
      config: enrolment,
      schema: { tags: ['me'], summary: 'Your two-factor authentication state', response: { 200: z.object({ data: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), recoveryCodesLeft: z.number().int() }) }) } },
    },
    async (req) => {
      ensureAuthenticated(req.actor);
      return { data: await getMfaStatus({ deps, actor: req.actor }) };
    },
  );

  r.post(
    '/api/v1/me/mfa/totp',
    {
      config: enrolment,
      schema: {
        tags: ['me'],
        summary: 'Start TOTP set-up: a secret and its QR code (SVG, drawn on the server)',
        response: { 200: z.object({ data: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }) }) },
      },
    },
    async (req) => {
      ensureAuthenticated(req.actor);
      return { data: await startTotpEnrollment({ deps, actor: req.actor }) };
    },
  );

  r.post(
    '/api/v1/me/mfa/totp/confirm',
    { config: enrolment, schema: { tags: ['me'], summary: 'Finish TOTP set-up with a code; returns 10 recovery codes once', body: mfaCodeSchema, response: recoveryCodesResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      return { data: await confirmTotpEnrollment({ deps, actor: req.actor, code: req.body.code, ip: req.ip }) };
    },
  );

  r.post(
    '/api/v1/me/mfa/recovery-codes',
    { config: { auth: 'user' }, schema: { tags: ['me'], summary: 'Replace your recovery codes (password needed)', body: passwordConfirmSchema, response: recoveryCodesResponse } },
    async (req) => {
      ensureAuthenticated(req.actor);
      return { data: await regenerateRecoveryCodes({ deps, actor: req.actor, password: req.body.password, ip: req.ip }) };
    },
  );

  r.delete(
    '/api/v1/me/mfa',
    { config: { auth: 'user' }, schema: { tags: ['me'], summary: 'Turn two-factor authentication off (password needed; not when your account demands it)', body: passwordConfirmSchema } },
    async (req, reply) => {
      ensureAuthenticated(req.actor);
      const actor = req.actor;
      const mfaDemanded =
        (actor.kind === 'customer' && !!req.session?.accountRequiresMfa && actor.accountId !== null) ||
        (actor.kind === 'staff' && config.staffMfaRequired && !req.session?.user.mfaExempt);
      await disableMfa({ deps, actor, password: req.body.password, mfaDemanded, ip: req.ip });
      return reply.status(204).send();
    },
  );
}
