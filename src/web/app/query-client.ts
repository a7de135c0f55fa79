import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { type ApiError, isApiError, isUnauthorized } from '../lib/api-client';
import '../lib/query-meta';

/** Retries only what may succeed on a second try: network failures and server errors. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's query client. Any query or mutation answered with 401 means the session is gone;
 * `onUnauthorized` sends the user to the login page (mutations can opt out, e.g. the login).
 */
export function createQueryClient({ onUnauthorized }: { onUnauthorized: (error: ApiError) => void }) {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) onUnauthorized(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.redirectOnUnauthorized === false) return;
        if (isUnauthorized(error)) onUnauthorized(error);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
