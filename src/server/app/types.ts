import type { Actor } from './auth/actor.js';
import type { ResolvedSession } from '../modules/auth/auth.repository.js';
import type { Config } from './config.js';
import type { Db, Dialect } from './db.js';
import type { Mailer } from './mail.js';

/**
 * Who may call a route at all. Finer rules live in each module's policy.
 * `mfa_pending`: only a session that passed the password and awaits its second factor.
 */
export type RouteAuth = 'public' | 'user' | 'mfa_pending';

export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  mailer: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** Every route registered, for the authorization-matrix test. */
    routeList: { method: string; url: string }[];
  }
  interface FastifyRequest {
    actor: Actor;
    session: ResolvedSession | null;
    sessionState: 'none' | 'expired' | 'valid' | 'mfa_pending';
    /** Signed in, but MFA is demanded (account policy or staff policy) and not yet set up. */
    mfaEnrollmentRequired: boolean;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** false only for endpoints that authenticate without cookies (webhooks, licensing). */
    csrf?: boolean;
    /** Reachable while MFA enrolment is demanded (profile, MFA set-up, sign-out). */
    duringMfaEnrollment?: boolean;
  }
}
