import { describe, expect, it } from 'vitest';
import { isPublicPath } from './public-paths';

describe('isPublicPath', () => {
  it('knows the login and the pages linked from mails', () => {
    for (const path of ['/login', '/invitation/abc', '/password-reset', '/password-reset/abc', '/confirm-email/abc']) {
      expect(isPublicPath(path)).toBe(true);
    }
  });

  it('treats everything else as signed-in', () => {
    for (const path of ['/', '/account', '/invitation', '/invitation/a/b', '/loginx']) expect(isPublicPath(path)).toBe(false);
  });
});
