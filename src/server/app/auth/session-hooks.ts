import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../../modules/auth/auth.usecases.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import { mfaEnrollmentRequired } from '../../modules/auth/auth.errors.js';
import { requiredScope, scopeCovers } from '../../modules/api-tokens/api-token-scopes.js';
import { apiTokenScopeMissing, invalidApiToken, resolveApiToken } from '../../modules/api-tokens/api-tokens.js';
import { hitRateLimit } from '../rate-limit.js';
import { ANONYMOUS, type Actor } from './actor.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(config.session.cookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.session.maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(config.session.cookieName, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' });
}

/**
 * A state-changing request must prove it comes from our own pages: `Sec-Fetch-Site: same-origin`
 * from modern browsers, or an `Origin` equal to PUBLIC_URL's origin. Anything else is refused,
 * so a cookie never authenticates a request another site forged.
 */
export function isSameOriginRequest(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  return typeof origin === 'string' && origin === publicOrigin;
}

/** The token of an `Authorization: Bearer …` header; null without one (an empty one is ""). */
function bearerToken(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  return match ? (match[1] ?? '').trim() : null;
}

/** Resolves the session cookie (or an API token) to `request.actor`, enforces CSRF and the route's `auth` level. */
export function registerSessionHooks(app: FastifyInstance): void {
  const { config, db } = app.deps;
  app.decorateRequest<Actor | null>('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionState', 'none');
  app.decorateRequest('mfaEnrollmentRequired', false);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.auth) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.auth ('public', 'user' or 'mfa_pending')`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    const routeConfig = request.routeOptions.config;
    const isApi = request.url.startsWith('/api/');
    // A personal API token (customers' own automation) stands for its user on the routes its
    // scopes reach, and nowhere else; the request's cookies are not read then. A browser never
    // sends an Authorization header to another site on its own, so no CSRF check is needed.
    const bearer = isApi && routeConfig.auth === 'user' ? bearerToken(request.headers.authorization) : null;
    if (bearer !== null) {
      const actor = await resolveApiToken({ db, token: bearer, ip: request.ip });
      if (!actor) {
        // Guessing is hopeless (256 random bits), but a stream of bad tokens from one address is cut off.
        await hitRateLimit(db, { bucket: `api-token-failure:${request.ip}`, max: 30, windowMs: 15 * 60_000 });
        throw invalidApiToken();
      }
      const needed = requiredScope(request.method, request.routeOptions.url ?? '');
      if (!needed || !scopeCovers(actor.apiTokenScopes ?? [], needed)) throw apiTokenScopeMissing();
      request.actor = actor;
      return;
    }
    if (!SAFE_METHODS.has(request.method) && routeConfig.csrf !== false && !isSameOriginRequest(request, config.publicOrigin)) {
      throw errors.csrf();
    }
    // Only the API reads the session; static files and the SPA shell never touch the database.
    const token = isApi ? request.cookies[config.session.cookieName] : undefined;
    if (token) {
      const resolution = await resolveSession({ db, token, policy: config.session, staffMfaRequired: config.staffMfaRequired });
      request.sessionState = resolution.state;
      if (resolution.state === 'valid') {
        request.actor = resolution.actor;
        request.session = resolution.session;
        request.mfaEnrollmentRequired = resolution.mfaEnrollmentRequired;
      } else if (resolution.state === 'mfa_pending') {
        request.session = resolution.session;
      } else {
        clearSessionCookie(reply, config);
      }
    }
    // /api/v1 routes must declare their level (onRoute above); the docs, health and static files are public.
    const auth = routeConfig.auth ?? 'public';
    if (auth === 'mfa_pending') {
      if (request.sessionState !== 'mfa_pending') throw errors.unauthenticated();
      return;
    }
    if (auth === 'user' && request.actor.kind === 'anonymous') {
      throw request.sessionState === 'expired' ? errors.sessionExpired() : errors.unauthenticated();
    }
    if (auth === 'user' && request.mfaEnrollmentRequired && !routeConfig.duringMfaEnrollment) throw mfaEnrollmentRequired();
  });
}
