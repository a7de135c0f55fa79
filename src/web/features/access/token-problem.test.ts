import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { tokenProblem } from './token-problem';

describe('tokenProblem', () => {
  it('tells unknown, expired and used links apart', () => {
    expect(tokenProblem(new ApiError({ status: 404, code: 'token.not_found', title: '' }))).toBe('not_found');
    expect(tokenProblem(new ApiError({ status: 410, code: 'token.expired', title: '' }))).toBe('expired');
    expect(tokenProblem(new ApiError({ status: 410, code: 'token.used', title: '' }))).toBe('used');
    const malformed = new ApiError({
      status: 400,
      code: 'request.invalid',
      title: '',
      errors: [{ path: 'params.token', code: 'too_small', message: '' }],
    });
    expect(tokenProblem(malformed)).toBe('not_found');
  });

  it('leaves other failures to the general messages', () => {
    expect(tokenProblem(new ApiError({ status: 500, code: 'http.500', title: '' }))).toBeNull();
    expect(tokenProblem(new Error('x'))).toBeNull();
  });
});
