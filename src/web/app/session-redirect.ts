import type { ApiError } from '../lib/api-client';
import { loginHref } from '../lib/login-redirect';
import { isPublicPath } from '../lib/public-paths';
import { navigateOutsideReact } from './navigator';

/**
 * What happens when the API says the session is gone: go to the login page with the current
 * address as `next`, so the user returns there afterwards. The login page drops the previous
 * user's cached data when it opens. Several requests failing at once lead to one redirect,
 * because the first one already changed the address.
 */
export function redirectToLogin(error: ApiError): void {
  const { pathname, search } = window.location;
  if (isPublicPath(pathname)) return;
  navigateOutsideReact(loginHref({ next: `${pathname}${search}`, expired: error.code === 'auth.session_expired' }), {
    replace: true,
  });
}
