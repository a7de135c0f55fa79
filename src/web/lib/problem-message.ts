import { type FieldProblem, isApiError, NETWORK_ERROR_STATUS } from './api-client';

/** i18n keys under `errors.` that explain a failed request to a person. */
export type ErrorMessageKey =
  | 'errors.invalidCredentials'
  | 'errors.tooManyAttempts'
  | 'errors.invalidMfaCode'
  | 'errors.mfaAttemptsExceeded'
  | 'errors.mfaEnrollmentRequired'
  | 'errors.unauthenticated'
  | 'errors.sessionExpired'
  | 'errors.accountNotFound'
  | 'errors.forbidden'
  | 'errors.notFound'
  | 'errors.conflict'
  | 'errors.validation'
  | 'errors.network'
  | 'errors.server'
  | 'errors.unknown';

/** i18n keys under `validation.` for one invalid field. */
export type FieldMessageKey =
  | 'validation.required'
  | 'validation.invalidEmail'
  | 'validation.invalidFormat'
  | 'validation.tooShort'
  | 'validation.tooLong'
  | 'validation.invalidValue';

const MESSAGE_BY_CODE: Record<string, ErrorMessageKey> = {
  'auth.invalid_credentials': 'errors.invalidCredentials',
  'auth.too_many_attempts': 'errors.tooManyAttempts',
  'auth.invalid_mfa_code': 'errors.invalidMfaCode',
  'auth.mfa_attempts_exceeded': 'errors.mfaAttemptsExceeded',
  'auth.mfa_enrollment_required': 'errors.mfaEnrollmentRequired',
  'auth.unauthenticated': 'errors.unauthenticated',
  'auth.session_expired': 'errors.sessionExpired',
  'account.not_found': 'errors.accountNotFound',
};

/** Maps any error a request can throw to the key of a message the user can act on. */
export function problemMessageKey(error: unknown): ErrorMessageKey {
  if (!isApiError(error)) return 'errors.unknown';
  const byCode = MESSAGE_BY_CODE[error.code];
  if (byCode) return byCode;
  if (error.status === NETWORK_ERROR_STATUS) return 'errors.network';
  if (error.status === 400 || error.status === 422) return 'errors.validation';
  if (error.status === 401) return 'errors.unauthenticated';
  if (error.status === 403) return 'errors.forbidden';
  if (error.status === 404) return 'errors.notFound';
  if (error.status === 409 || error.status === 412) return 'errors.conflict';
  if (error.status === 429) return 'errors.tooManyAttempts';
  if (error.status >= 500) return 'errors.server';
  return 'errors.unknown';
}

/**
 * The field a validation problem is about. Accepts the shapes validators commonly report
 * (`email`, `body.email`, `/email`, `body/email`) and returns the last segment.
 */
export function problemField(path: string): string {
  const segments = path.split(/[./]/).filter((segment) => segment !== '');
  return segments.at(-1) ?? '';
}

function fieldMessageKey(problem: FieldProblem, field: string): FieldMessageKey {
  const code = problem.code.toLowerCase();
  if (code === 'invalid_type' || code === 'required') return 'validation.required';
  if (code === 'too_small') return 'validation.tooShort';
  if (code === 'too_big') return 'validation.tooLong';
  if (code === 'invalid_format' || code === 'invalid_string' || code === 'invalid_email') {
    return field === 'email' ? 'validation.invalidEmail' : 'validation.invalidFormat';
  }
  return 'validation.invalidValue';
}

/**
 * Per-field message keys from a 400 problem, for the fields the form knows. The first problem
 * of a field wins; problems for unknown fields are left to the form's general message.
 */
export function fieldMessageKeys<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): Partial<Record<Field, FieldMessageKey>> {
  const result: Partial<Record<Field, FieldMessageKey>> = {};
  if (!isApiError(error)) return result;
  for (const problem of error.errors) {
    const field = problemField(problem.path) as Field;
    if (!fields.includes(field) || result[field]) continue;
    result[field] = fieldMessageKey(problem, field);
  }
  return result;
}
