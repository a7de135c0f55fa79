import type { QueryClient } from '@tanstack/react-query';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** false for requests where 401 is an answer, not an expired session (the login itself). */
      redirectOnUnauthorized?: boolean;
    };
  }
}

/** Query keys that hold no personal data and may outlive a session (the public meta document). */
const PUBLIC_QUERY_ROOTS = new Set(['meta']);

/** Drops everything cached for the signed-in user, so the next user of the browser sees none of it. */
export function forgetSessionData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !PUBLIC_QUERY_ROOTS.has(String(query.queryKey[0])) });
  queryClient.getMutationCache().clear();
}
