import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemMessageKey } from '../../lib/problem-message';

export type StaffCasesErrorKey = 'errors.unknownAgent' | 'errors.caseNotFound' | 'manage.stale';

export type StaffCasesProblem = { ns: 'staffCases'; key: StaffCasesErrorKey } | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, StaffCasesErrorKey> = {
  'case.not_found': 'errors.caseNotFound',
  'request.precondition_failed': 'manage.stale',
};

const BY_FIELD_CODE: Record<string, StaffCasesErrorKey> = {
  unknown_agent: 'errors.unknownAgent',
};

/** True for the answer to an edit that someone else's change overtook (If-Match). */
export function isStale(error: unknown): boolean {
  return isApiError(error) && error.status === 412;
}

/** These pages' message for the codes the staff case routes answer with, else the app's general one. */
export function staffCasesProblem(error: unknown): StaffCasesProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'staffCases', key: byCode };
    if (error.status === 412) return { ns: 'staffCases', key: 'manage.stale' };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'staffCases', key: byField };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}
