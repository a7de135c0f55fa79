/**
 * What a personal API token may reach. A token carries scopes, each an area and an access level;
 * a request is allowed when its route lies in an area the token holds at the level the method
 * needs (GET and HEAD read, everything else writes). The user's own rights still apply on top:
 * a scope never grants what the user's role does not.
 *
 * Everything outside these areas (the user's profile, security and sessions, the account's users,
 * the tokens themselves, the console) answers a token with 403 `auth.token_scope`, so a leaked
 * token can never take over the user or make more tokens.
 */
export const API_TOKEN_SCOPES = ['cases:read', 'cases:write', 'keys:read', 'keys:write', 'invoices:read', 'downloads:read', 'reports:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

type Area = 'cases' | 'keys' | 'invoices' | 'downloads' | 'reports';

/** Route URL prefixes (as registered, with :params) and their area; the first match wins. */
const AREA_PREFIXES: readonly (readonly [string, Area])[] = [
  ['/api/v1/cases', 'cases'],
  // Case attachments: uploading (tus) and reading them.
  ['/api/v1/uploads', 'cases'],
  ['/api/v1/attachments', 'cases'],
  ['/api/v1/keys', 'keys'],
  ['/api/v1/key-groups', 'keys'],
  ['/api/v1/invoices', 'invoices'],
  ['/api/v1/downloads', 'downloads'],
  ['/api/v1/reports', 'reports'],
];

const READ_METHODS = new Set(['GET', 'HEAD']);

/** POST routes that only read: asking for a short-lived download link changes nothing. */
const READING_POSTS = new Set(['/api/v1/downloads/:artifactId/link']);

/**
 * The scope a request needs, from its route's URL pattern and method; null when no token may make
 * it. (OPTIONS never reaches here: it is public.)
 */
export function requiredScope(method: string, routeUrl: string): ApiTokenScope | null {
  const match = AREA_PREFIXES.find(([prefix]) => routeUrl === prefix || routeUrl.startsWith(`${prefix}/`));
  if (!match) return null;
  const reads = READ_METHODS.has(method) || (method === 'POST' && READING_POSTS.has(routeUrl));
  const scope = `${match[1]}:${reads ? 'read' : 'write'}`;
  return (API_TOKEN_SCOPES as readonly string[]).includes(scope) ? (scope as ApiTokenScope) : null;
}

/** Write access to an area includes reading it. */
export function scopeCovers(held: readonly ApiTokenScope[], needed: ApiTokenScope): boolean {
  if (held.includes(needed)) return true;
  const [area, level] = needed.split(':') as [string, string];
  return level === 'read' && held.includes(`${area}:write` as ApiTokenScope);
}
