import { describe, expect, it } from 'vitest';
import { loginHref, safeNextPath } from './login-redirect';

describe('safeNextPath', () => {
  it('keeps a relative path with its query and hash', () => {
    expect(safeNextPath('/account/activity?cursor=abc#top')).toBe('/account/activity?cursor=abc#top');
  });

  it('falls back to the start page when nothing is given', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('')).toBe('/');
  });

  it('refuses protocol-relative and backslash paths that leave the site', () => {
    expect(safeNextPath('//evil.example/phish')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('/\t/evil.example')).toBe('/');
  });

  it('refuses absolute URLs and script URLs', () => {
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('javascript:alert(1)')).toBe('/');
    expect(safeNextPath('account')).toBe('/');
  });

  it('does not send the user back to the login page', () => {
    expect(safeNextPath('/login?next=/account')).toBe('/');
  });
});

describe('loginHref', () => {
  it('omits next when the target is the start page', () => {
    expect(loginHref({ next: '/' })).toBe('/login');
  });

  it('encodes the path to return to and marks an expired session', () => {
    expect(loginHref({ next: '/console/outbox?x=1', expired: true })).toBe(
      '/login?next=%2Fconsole%2Foutbox%3Fx%3D1&expired=1',
    );
  });

  it('drops an unsafe next instead of passing it on', () => {
    expect(loginHref({ next: '//evil.example' })).toBe('/login');
  });
});
