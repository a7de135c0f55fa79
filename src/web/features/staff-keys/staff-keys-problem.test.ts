import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { staffKeysProblem } from './staff-keys-problem';

describe('staffKeysProblem', () => {
  it('explains a taken product code and a key group of another account in this page’s words', () => {
    expect(staffKeysProblem(new ApiError({ status: 409, code: 'product.code_taken', title: 'x' }))).toEqual({ ns: 'staffKeys', key: 'errors.codeTaken' });
    const invalid = new ApiError({ status: 400, code: 'request.invalid', title: 'x', errors: [{ path: 'body.keyGroupId', code: 'unknown_key_group', message: 'x' }] });
    expect(staffKeysProblem(invalid)).toEqual({ ns: 'staffKeys', key: 'errors.unknownKeyGroup' });
  });

  it('leaves everything else to the app’s general messages', () => {
    expect(staffKeysProblem(new ApiError({ status: 403, code: 'auth.forbidden', title: 'x' }))).toEqual({ ns: 'translation', key: 'errors.forbidden' });
  });
});
