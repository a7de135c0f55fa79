import { isApiError } from '../../lib/api-client';

/**
 * The code of the first problem the API reported at exactly `path` (`body.admin.email`), or null.
 * Exact paths, because the account form has two fields called `name`.
 */
export function problemAt(error: unknown, path: string): string | null {
  if (!isApiError(error)) return null;
  return error.errors.find((problem) => problem.path === path)?.code ?? null;
}

/** Whether any field problem of the error is at one of `paths`: the rest goes to the general message. */
export function hasProblemAt(error: unknown, paths: readonly string[]): boolean {
  return paths.some((path) => problemAt(error, path) !== null);
}
