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
