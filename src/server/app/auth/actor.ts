import { AppError, errors } from '../errors.js';
import type { ApiTokenScope } from '../../modules/api-tokens/api-token-scopes.js';
import type { CustomerRole, Permission, StaffRole } from './permissions.js';

/** Who is making the request, resolved once per request from the session. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'customer';
      userId: string;
      sessionId: string;
      /** null when the user currently belongs to no account (all memberships removed). */
      accountId: string | null;
      role: CustomerRole | null;
      caseAdmin: boolean;
      billing: boolean;
      downloads: boolean;
      permissions: ReadonlySet<Permission>;
      /** Set when the request came with a personal API token (`sessionId` is then the token's id): what it may reach. */
      apiTokenScopes?: readonly ApiTokenScope[];
    }
  | {
      kind: 'staff';
      userId: string;
      sessionId: string;
      staffRole: StaffRole;
      permissions: ReadonlySet<Permission>;
    };

export type AuthenticatedActor = Exclude<Actor, { kind: 'anonymous' }>;
export type CustomerActor = Extract<Actor, { kind: 'customer' }>;
export type StaffActor = Extract<Actor, { kind: 'staff' }>;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind !== 'anonymous' && actor.permissions.has(permission);
}

/** Throws 403 unless the actor holds the permission (the object itself is known to be in scope). */
export function ensureCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw errors.forbidden();
}

export function ensureAuthenticated(actor: Actor): asserts actor is AuthenticatedActor {
  if (actor.kind === 'anonymous') throw errors.unauthenticated();
}

/** A customer acting inside an account; anything else cannot reach account data. */
export function ensureCustomerInAccount(actor: Actor): asserts actor is CustomerActor & { accountId: string } {
  ensureAuthenticated(actor);
  if (actor.kind !== 'customer' || !actor.accountId) throw errors.forbidden();
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
