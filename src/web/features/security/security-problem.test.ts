import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { fieldCode, newPasswordKey } from './security-problem';

describe('security problems', () => {
  it('reads the code of one field', () => {
    const error = new ApiError({
      status: 400,
      code: 'request.invalid',
      title: '',
      errors: [{ path: 'body.currentPassword', code: 'wrong_password', message: '' }],
    });
    expect(fieldCode(error, 'currentPassword')).toBe('wrong_password');
    expect(fieldCode(error, 'newPassword')).toBeNull();
  });

  it('explains a rejected new password', () => {
    expect(newPasswordKey('password_common')).toBe('password.common');
    expect(newPasswordKey('password_too_short')).toBe('password.tooShort');
    expect(newPasswordKey('other')).toBeNull();
  });
});
