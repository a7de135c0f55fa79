import { isApiError } from '../../lib/api-client';

/** The field code of a 400 problem (`wrong_password`, `invalid_code`, `password_too_short`, …), if any. */
export function fieldCode(error: unknown, field: string): string | null {
  if (!isApiError(error)) return null;
  const found = error.errors.find((problem) => problem.path.split(/[./]/).at(-1) === field);
  return found ? found.code : null;
}

/** The i18n key (security namespace) for a rejected new password. */
export function newPasswordKey(code: string | null) {
  if (code === 'password_too_short' || code === 'too_small') return 'password.tooShort' as const;
  if (code === 'password_too_long' || code === 'too_big') return 'password.tooLong' as const;
  if (code === 'password_common') return 'password.common' as const;
  return null;
}
