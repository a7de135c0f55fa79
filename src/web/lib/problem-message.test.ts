import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { fieldMessageKeys, problemField, problemMessageKey } from './problem-message';

const problem = (status: number, code: string, errors: ApiError['errors'] = []) =>
  new ApiError({ status, code, title: 'Problem', errors });

describe('problemMessageKey', () => {
  it('explains wrong credentials without saying which part was wrong', () => {
    expect(problemMessageKey(problem(401, 'auth.invalid_credentials'))).toBe('errors.invalidCredentials');
  });

  it('tells a rate-limited user to wait', () => {
    expect(problemMessageKey(problem(429, 'auth.too_many_attempts'))).toBe('errors.tooManyAttempts');
    expect(problemMessageKey(problem(429, 'rate_limit.exceeded'))).toBe('errors.tooManyAttempts');
  });

  it('tells a wrong second-factor code apart from a wrong password', () => {
    expect(problemMessageKey(problem(401, 'auth.invalid_mfa_code'))).toBe('errors.invalidMfaCode');
    expect(problemMessageKey(problem(401, 'auth.mfa_attempts_exceeded'))).toBe('errors.mfaAttemptsExceeded');
  });

  it('falls back on the status when the code is unknown', () => {
    expect(problemMessageKey(problem(403, 'case.forbidden'))).toBe('errors.forbidden');
    expect(problemMessageKey(problem(404, 'thing.not_found'))).toBe('errors.notFound');
    expect(problemMessageKey(problem(412, 'precondition'))).toBe('errors.conflict');
    expect(problemMessageKey(problem(503, 'http.503'))).toBe('errors.server');
  });

  it('reports a lost connection as a network problem', () => {
    expect(problemMessageKey(problem(0, 'network'))).toBe('errors.network');
  });

  it('treats anything that is not an API error as unknown', () => {
    expect(problemMessageKey(new Error('boom'))).toBe('errors.unknown');
    expect(problemMessageKey('boom')).toBe('errors.unknown');
  });
});

describe('problemField', () => {
  it('reads the field from dotted, slashed and plain paths', () => {
    expect(problemField('email')).toBe('email');
    expect(problemField('body.email')).toBe('email');
    expect(problemField('/password')).toBe('password');
    expect(problemField('')).toBe('');
  });
});

describe('fieldMessageKeys', () => {
  it('maps validation problems to messages for the fields of the form', () => {
    const error = problem(400, 'validation.failed', [
      { path: 'email', message: 'Invalid email address', code: 'invalid_format' },
      { path: 'password', message: 'Too small', code: 'too_small' },
      { path: 'password', message: 'Second problem', code: 'invalid_type' },
      { path: 'other', message: 'Unknown field', code: 'custom' },
    ]);
    expect(fieldMessageKeys(error, ['email', 'password'] as const)).toEqual({
      email: 'validation.invalidEmail',
      password: 'validation.tooShort',
    });
  });

  it('calls a bad format on any other field a format problem', () => {
    const error = problem(400, 'validation.failed', [{ path: 'name', message: 'x', code: 'invalid_format' }]);
    expect(fieldMessageKeys(error, ['name'] as const)).toEqual({ name: 'validation.invalidFormat' });
  });

  it('gives no field messages for errors that are not validation problems', () => {
    expect(fieldMessageKeys(new Error('boom'), ['email'] as const)).toEqual({});
  });
});
