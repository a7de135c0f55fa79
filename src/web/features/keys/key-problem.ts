import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemMessageKey } from '../../lib/problem-message';

/** Messages of this feature's namespace for the error codes the key API answers with. */
export type KeyErrorKey =
  | 'errors.changedMeanwhile'
  | 'errors.releaseCooldown'
  | 'errors.releaseCooldownUnknown'
  | 'errors.releaseLimit'
  | 'errors.activationGone'
  | 'errors.badRequestFile'
  | 'errors.noSeatsLeft'
  | 'errors.badCertificate'
  | 'errors.licenseExpired'
  | 'errors.invalidKey'
  | 'errors.keyNotFound'
  | 'errors.keyNotActive'
  | 'errors.groupNameTaken'
  | 'errors.groupNotFound'
  | 'errors.unknownUser'
  | 'errors.unknownGroup';

export type KeyProblem =
  | { ns: 'keys'; key: KeyErrorKey; count?: number }
  | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, KeyErrorKey> = {
  'request.precondition_failed': 'errors.changedMeanwhile',
  'activation.release_limit': 'errors.releaseLimit',
  'activation.not_found': 'errors.activationGone',
  'license.bad_request_file': 'errors.badRequestFile',
  'license.no_seats_left': 'errors.noSeatsLeft',
  'license.bad_certificate': 'errors.badCertificate',
  'license.expired': 'errors.licenseExpired',
  'license.invalid_key': 'errors.invalidKey',
  'key.not_found': 'errors.keyNotFound',
  'key.not_active': 'errors.keyNotActive',
  'key_group.name_taken': 'errors.groupNameTaken',
  'key_group.not_found': 'errors.groupNotFound',
};

const BY_FIELD_CODE: Record<string, KeyErrorKey> = {
  unknown_user: 'errors.unknownUser',
  unknown_key_group: 'errors.unknownGroup',
};

/**
 * What to tell the user about a failed key request: this feature's message where the code has
 * one (with the minutes to wait for a release cooldown), else the app's general message.
 */
export function keyProblem(error: unknown): KeyProblem {
  if (isApiError(error)) {
    if (error.code === 'activation.release_cooldown') {
      if (error.retryAfterSeconds === undefined) return { ns: 'keys', key: 'errors.releaseCooldownUnknown' };
      return { ns: 'keys', key: 'errors.releaseCooldown', count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) };
    }
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'keys', key: byCode };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'keys', key: byField };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}
