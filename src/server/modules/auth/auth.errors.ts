import { createError } from '../../app/errors.js';

export const invalidCredentials = createError({
  code: 'auth.invalid_credentials',
  status: 401,
  message: 'Email or password is incorrect',
});

export const tooManyAttempts = createError({
  code: 'auth.too_many_attempts',
  status: 429,
  message: 'Too many failed sign-in attempts; try again later',
});

export const invalidMfaCode = createError({ code: 'auth.invalid_mfa_code', status: 401, message: 'The code is not valid' });

export const mfaAttemptsExceeded = createError({
  code: 'auth.mfa_attempts_exceeded',
  status: 401,
  message: 'Too many wrong codes: sign in again',
});

export const mfaEnrollmentRequired = createError({
  code: 'auth.mfa_enrollment_required',
  status: 403,
  message: 'Set up two-factor authentication first',
});
