import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, type FieldMessageKey, fieldMessageKeys, problemField, problemMessageKey } from '../../lib/problem-message';

/** Messages of this feature's namespace for the error codes the case API answers with. */
export type CaseErrorKey =
  | 'errors.changedMeanwhile'
  | 'errors.notOpen'
  | 'errors.notSolved'
  | 'errors.reopenExpired'
  | 'errors.keyNotUnderMaintenance'
  | 'errors.caseNotFound'
  | 'errors.unknownKey'
  | 'errors.unknownUser'
  | 'errors.unknownCase'
  | 'errors.chooseKey'
  | 'errors.chooseSeverity'
  | 'errors.chooseCategory';

export type CaseProblem = { ns: 'cases'; key: CaseErrorKey } | { ns: 'translation'; key: ErrorMessageKey | FieldMessageKey };

const BY_CODE: Record<string, CaseErrorKey> = {
  'request.precondition_failed': 'errors.changedMeanwhile',
  'case.not_open': 'errors.notOpen',
  'case.not_solved': 'errors.notSolved',
  'case.reopen_expired': 'errors.reopenExpired',
  'case.key_not_under_maintenance': 'errors.keyNotUnderMaintenance',
  'case.not_found': 'errors.caseNotFound',
};

const BY_FIELD_CODE: Record<string, CaseErrorKey> = {
  unknown_key: 'errors.unknownKey',
  unknown_user: 'errors.unknownUser',
  unknown_case: 'errors.unknownCase',
};

/** What to tell the user about a failed case request: this feature's message where the code has one, else the app's. */
export function caseProblem(error: unknown): CaseProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'cases', key: byCode };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'cases', key: byField };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}

/**
 * The message for each field of a form that the server found wrong, for the fields the form has.
 * A code that refuses the related key (maintenance ended) is shown at the key field.
 */
export function caseFieldProblems<Field extends string>(error: unknown, fields: readonly Field[]): Partial<Record<Field, CaseProblem>> {
  const result: Partial<Record<Field, CaseProblem>> = {};
  if (!isApiError(error)) return result;
  if (error.code === 'case.key_not_under_maintenance' && (fields as readonly string[]).includes('keyId')) {
    result['keyId' as Field] = { ns: 'cases', key: 'errors.keyNotUnderMaintenance' };
  }
  for (const problem of error.errors) {
    const field = problemField(problem.path) as Field;
    if (!fields.includes(field) || result[field]) continue;
    const byField = BY_FIELD_CODE[problem.code];
    if (byField) result[field] = { ns: 'cases', key: byField };
  }
  const generic = fieldMessageKeys(error, fields);
  for (const field of fields) {
    const key = generic[field];
    if (key && !result[field]) result[field] = { ns: 'translation', key };
  }
  return result;
}
