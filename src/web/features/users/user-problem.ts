import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemMessageKey } from '../../lib/problem-message';

export type UserErrorKey =
  | 'errors.lastAdmin'
  | 'errors.alreadyMember'
  | 'errors.emailTaken'
  | 'errors.changedMeanwhile'
  | 'errors.unknownKeyGroup'
  | 'errors.keyGroupsNeedKeyManager'
  | 'errors.userNotFound';

export type UserProblem = { ns: 'users'; key: UserErrorKey } | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, UserErrorKey> = {
  'membership.last_admin': 'errors.lastAdmin',
  'user.already_member': 'errors.alreadyMember',
  'user.email_taken': 'errors.emailTaken',
  'request.precondition_failed': 'errors.changedMeanwhile',
  'user.not_found': 'errors.userNotFound',
};

const BY_FIELD_CODE: Record<string, UserErrorKey> = {
  unknown_key_group: 'errors.unknownKeyGroup',
  key_groups_need_key_manager: 'errors.keyGroupsNeedKeyManager',
};

/** What to tell an admin about a failed users request: this feature's message, else the app's general one. */
export function userProblem(error: unknown): UserProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'users', key: byCode };
    if (error.status === 412) return { ns: 'users', key: 'errors.changedMeanwhile' };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'users', key: byField };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}
