const PROBE_ORIGIN = 'http://portico.invalid';

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Returns `raw` when it is a path on this site (starts with one `/`, stays on this origin and is
 * not the login page itself), else `/`. Guards the `?next=` parameter against open redirects:
 * `//evil.example`, `/\evil.example`, `https://…` and `javascript:` all fall back to `/`.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // Control characters (tabs, newlines) are dropped by URL parsers and could smuggle in a host.
  if (hasControlCharacter(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page's address that brings the user back to `next` afterwards. */
export function loginHref({ next, expired = false }: { next?: string; expired?: boolean } = {}): string {
  const params = new URLSearchParams();
  const target = safeNextPath(next);
  if (target !== '/') params.set('next', target);
  if (expired) params.set('expired', '1');
  const search = params.toString();
  return search ? `/login?${search}` : '/login';
}
