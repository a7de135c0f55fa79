import { isApiError } from '../../lib/api-client';

/** Why a link from a mail no longer works: unknown, expired, or already used; null for anything else. */
export function tokenProblem(error: unknown): 'not_found' | 'expired' | 'used' | null {
  if (!isApiError(error)) return null;
  if (error.code === 'token.expired') return 'expired';
  if (error.code === 'token.used') return 'used';
  if (error.code === 'token.not_found' || error.status === 404) return 'not_found';
  if (error.status === 410) return 'used';
  // A malformed token (wrong length) is as unknown as a well-formed one that matches nothing.
  if (error.status === 400 && error.errors.some((problem) => problem.path.endsWith('token'))) return 'not_found';
  return null;
}
