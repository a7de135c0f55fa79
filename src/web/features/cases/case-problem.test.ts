import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { caseFieldProblems, caseProblem } from './case-problem';

const problem = (status: number, code: string, errors: { path: string; code: string; message: string }[] = []) =>
  new ApiError({ status, code, title: code, errors });

describe('messages for failed case requests', () => {
  it('explain the case codes in the feature’s words', () => {
    expect(caseProblem(problem(412, 'request.precondition_failed'))).toEqual({ ns: 'cases', key: 'errors.changedMeanwhile' });
    expect(caseProblem(problem(409, 'case.reopen_expired'))).toEqual({ ns: 'cases', key: 'errors.reopenExpired' });
    expect(caseProblem(problem(409, 'case.not_open'))).toEqual({ ns: 'cases', key: 'errors.notOpen' });
    expect(caseProblem(problem(422, 'case.key_not_under_maintenance'))).toEqual({ ns: 'cases', key: 'errors.keyNotUnderMaintenance' });
  });

  it('fall back to the app’s general messages', () => {
    expect(caseProblem(problem(500, 'internal'))).toEqual({ ns: 'translation', key: 'errors.server' });
    expect(caseProblem(new Error('x'))).toEqual({ ns: 'translation', key: 'errors.unknown' });
  });

  it('put validation problems at the form’s fields', () => {
    const error = problem(400, 'request.validation', [
      { path: 'body.subject', code: 'too_small', message: 'x' },
      { path: 'body.ccUserIds', code: 'unknown_user', message: 'x' },
      { path: 'body.severity', code: 'required', message: 'x' },
      { path: 'body.somethingElse', code: 'too_big', message: 'x' },
    ]);
    expect(caseFieldProblems(error, ['subject', 'ccUserIds', 'severity', 'keyId'] as const)).toEqual({
      subject: { ns: 'translation', key: 'validation.tooShort' },
      ccUserIds: { ns: 'cases', key: 'errors.unknownUser' },
      severity: { ns: 'translation', key: 'validation.required' },
    });
  });

  it('show a key out of maintenance at the key field', () => {
    expect(caseFieldProblems(problem(422, 'case.key_not_under_maintenance'), ['keyId', 'subject'] as const)).toEqual({
      keyId: { ns: 'cases', key: 'errors.keyNotUnderMaintenance' },
    });
  });
});
