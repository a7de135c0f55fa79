import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { userProblem } from './user-problem';

const problem = (status: number, code: string, errors: { path: string; code: string; message: string }[] = []) =>
  new ApiError({ status, code, title: '', errors });

describe('userProblem', () => {
  it('explains the last admin, an existing member and a stale version in this feature', () => {
    expect(userProblem(problem(409, 'membership.last_admin'))).toEqual({ ns: 'users', key: 'errors.lastAdmin' });
    expect(userProblem(problem(409, 'user.already_member'))).toEqual({ ns: 'users', key: 'errors.alreadyMember' });
    expect(userProblem(problem(412, 'http.412'))).toEqual({ ns: 'users', key: 'errors.changedMeanwhile' });
  });

  it('reads field codes of a 400', () => {
    const error = problem(400, 'request.invalid', [{ path: 'body.keyGroupIds', code: 'unknown_key_group', message: '' }]);
    expect(userProblem(error)).toEqual({ ns: 'users', key: 'errors.unknownKeyGroup' });
  });

  it('falls back to the app messages', () => {
    expect(userProblem(problem(403, 'auth.forbidden'))).toEqual({ ns: 'translation', key: 'errors.forbidden' });
  });
});
