import { describe, expect, it } from 'vitest';
import { areaLinks, isInArea } from './areas';

describe('areaLinks', () => {
  it('lists exactly the areas the server grants, in its order', () => {
    expect(areaLinks(['dashboard', 'account', 'console']).map((link) => link.path)).toEqual([
      '/',
      '/account',
      '/console',
    ]);
  });

  it('labels areas that have no page yet so they appear once the server lists them', () => {
    expect(areaLinks(['cases', 'invoices'])).toEqual([
      { key: 'cases', path: '/cases', label: 'nav.cases' },
      { key: 'invoices', path: '/invoices', label: 'nav.invoices' },
    ]);
  });

  it('skips unknown and repeated keys', () => {
    expect(areaLinks(['dashboard', 'telepathy', 'dashboard', 'toString']).map((link) => link.key)).toEqual([
      'dashboard',
    ]);
  });
});

describe('isInArea', () => {
  it('matches the dashboard only on the start page', () => {
    expect(isInArea('/', '/')).toBe(true);
    expect(isInArea('/account', '/')).toBe(false);
  });

  it('matches an area and its sub-pages but not look-alike paths', () => {
    expect(isInArea('/account/activity', '/account')).toBe(true);
    expect(isInArea('/accounting', '/account')).toBe(false);
  });
});
