import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { keyProblem } from './key-problem';

const problem = (init: Partial<ConstructorParameters<typeof ApiError>[0]> & { status: number; code: string }) =>
  new ApiError({ title: 'x', ...init });

describe('keyProblem', () => {
  it('says that the key changed meanwhile on a lost update', () => {
    expect(keyProblem(problem({ status: 412, code: 'request.precondition_failed' }))).toEqual({
      ns: 'keys',
      key: 'errors.changedMeanwhile',
    });
  });

  it('turns the release cooldown into whole minutes to wait', () => {
    expect(keyProblem(problem({ status: 429, code: 'activation.release_cooldown', retryAfterSeconds: 3001 }))).toEqual({
      ns: 'keys',
      key: 'errors.releaseCooldown',
      count: 51,
    });
    expect(keyProblem(problem({ status: 429, code: 'activation.release_cooldown', retryAfterSeconds: 5 }))).toMatchObject({
      count: 1,
    });
    expect(keyProblem(problem({ status: 429, code: 'activation.release_cooldown' }))).toEqual({
      ns: 'keys',
      key: 'errors.releaseCooldownUnknown',
    });
  });

  it('explains the offline activation errors', () => {
    expect(keyProblem(problem({ status: 400, code: 'license.bad_request_file' })).key).toBe('errors.badRequestFile');
    expect(keyProblem(problem({ status: 409, code: 'license.no_seats_left' })).key).toBe('errors.noSeatsLeft');
    expect(keyProblem(problem({ status: 404, code: 'key.not_found' })).key).toBe('errors.keyNotFound');
  });

  it('names an unknown assignee from the field problem of a 400', () => {
    const error = problem({
      status: 400,
      code: 'request.validation',
      errors: [{ path: 'body.assignedTo.userId', code: 'unknown_user', message: 'No such user' }],
    });
    expect(keyProblem(error)).toEqual({ ns: 'keys', key: 'errors.unknownUser' });
  });

  it('falls back to the general messages', () => {
    expect(keyProblem(problem({ status: 403, code: 'auth.forbidden' }))).toEqual({ ns: 'translation', key: 'errors.forbidden' });
    expect(keyProblem(new Error('boom'))).toEqual({ ns: 'translation', key: 'errors.unknown' });
  });
});
