import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { isStale, staffCasesProblem } from './staff-cases-problem';

describe('staffCasesProblem', () => {
  it('explains a lost update and an agent who cannot take cases in these pages’ words', () => {
    const stale = new ApiError({ status: 412, code: 'request.precondition_failed', title: 'x' });
    expect(staffCasesProblem(stale)).toEqual({ ns: 'staffCases', key: 'manage.stale' });
    expect(isStale(stale)).toBe(true);
    const invalid = new ApiError({ status: 400, code: 'request.invalid', title: 'x', errors: [{ path: 'body.assignedUserId', code: 'unknown_agent', message: 'x' }] });
    expect(staffCasesProblem(invalid)).toEqual({ ns: 'staffCases', key: 'errors.unknownAgent' });
    expect(isStale(invalid)).toBe(false);
  });

  it('leaves everything else to the app’s general messages', () => {
    expect(staffCasesProblem(new ApiError({ status: 403, code: 'auth.forbidden', title: 'x' }))).toEqual({ ns: 'translation', key: 'errors.forbidden' });
  });
});
