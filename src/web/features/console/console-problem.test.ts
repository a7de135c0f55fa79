import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { hasProblemAt, problemAt } from './console-problem';

const error = new ApiError({
  status: 400,
  code: 'request.invalid',
  title: 'Invalid',
  errors: [
    { path: 'body.admin.email', code: 'invalid_format', message: 'x' },
    { path: 'body.name', code: 'too_small', message: 'y' },
  ],
});

describe('problemAt', () => {
  it('tells the account name from the administrator’s name', () => {
    expect(problemAt(error, 'body.name')).toBe('too_small');
    expect(problemAt(error, 'body.admin.name')).toBeNull();
    expect(problemAt(error, 'body.admin.email')).toBe('invalid_format');
  });

  it('answers null for anything that is not an API error', () => {
    expect(problemAt(new Error('x'), 'body.name')).toBeNull();
    expect(hasProblemAt(undefined, ['body.name'])).toBe(false);
    expect(hasProblemAt(error, ['body.currency', 'body.name'])).toBe(true);
  });
});
