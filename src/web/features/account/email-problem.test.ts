import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { emailProblem } from './email-problem';

const problem = (status: number, code: string, errors: { path: string; code: string; message: string }[] = []) =>
  new ApiError({ status, code, title: code, errors });

describe('emailProblem', () => {
  it('puts a wrong password at the password field', () => {
    const error = problem(400, 'request.invalid', [{ path: 'body.currentPassword', code: 'wrong_password', message: 'x' }]);
    expect(emailProblem(error)).toEqual({ field: 'currentPassword', key: 'email.errors.wrongPassword' });
  });

  it('tells the current address, a taken one and a malformed one apart', () => {
    expect(emailProblem(problem(400, 'request.invalid', [{ path: 'body.newEmail', code: 'same_email', message: 'x' }]))).toEqual({
      field: 'newEmail',
      key: 'email.errors.sameEmail',
    });
    expect(emailProblem(problem(409, 'user.email_taken'))).toEqual({ field: 'newEmail', key: 'email.errors.taken' });
    expect(emailProblem(problem(400, 'request.invalid', [{ path: 'body.newEmail', code: 'invalid_format', message: 'x' }]))).toEqual({
      field: 'newEmail',
      key: 'email.errors.invalidEmail',
    });
  });

  it('leaves everything else to the general message', () => {
    expect(emailProblem(problem(429, 'rate_limited'))).toBeNull();
    expect(emailProblem(new Error('boom'))).toBeNull();
  });
});
