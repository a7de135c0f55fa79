import type { QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../lib/api-client';
import { loginHref } from '../lib/login-redirect';
import { forgetSessionData } from '../lib/query-meta';
import type { AppRouter } from './router';

/**
 * What happens when the API says the session is gone: go to the login page with the current
 * address as `next` (so the user returns there), then drop the previous user's cached data.
 * Several requests failing at once lead to a single redirect.
 */
export function createSessionRedirect({ router, queryClient }: { router: AppRouter; queryClient: QueryClient }) {
  let redirecting = false;
  return async (error: ApiError) => {
    const { pathname, search } = router.state.location;
    if (redirecting || pathname === '/login') return;
    redirecting = true;
    try {
      await router.navigate(
        loginHref({ next: `${pathname}${search}`, expired: error.code === 'auth.session_expired' }),
        { replace: true },
      );
      forgetSessionData(queryClient);
    } finally {
      redirecting = false;
    }
  };
}
