import { describe, expect, it } from 'vitest';
import {
  activityApiQuery,
  activityCsvHref,
  activityFiltersFromSearch,
  activityFiltersToSearch,
  EMPTY_ACTIVITY_FILTERS,
  hasActivityFilters,
  rangeIsInverted,
} from './activity-filters';

describe('activityFiltersFromSearch', () => {
  it('reads action, person and days from the address', () => {
    const params = new URLSearchParams('action=auth.&userId=usr_1&from=2026-11-01&to=2026-11-27');
    expect(activityFiltersFromSearch(params)).toEqual({ action: 'auth.', userId: 'usr_1', from: '2026-11-01', to: '2026-11-27' });
  });

  it('ignores malformed actions, impossible days and oversized ids instead of failing the log', () => {
    const params = new URLSearchParams(`action=Auth.Login;drop&userId=${'x'.repeat(101)}&from=2026-02-31&to=27.11.2026`);
    expect(activityFiltersFromSearch(params)).toEqual(EMPTY_ACTIVITY_FILTERS);
    expect(activityFiltersFromSearch(new URLSearchParams('action=..')).action).toBeNull();
  });

  it('round-trips through the address in a fixed order', () => {
    const filters = { action: 'user.invited', userId: null, from: null, to: '2026-11-27' };
    expect(activityFiltersToSearch(filters)).toEqual({ action: 'user.invited', to: '2026-11-27' });
    expect(activityFiltersFromSearch(new URLSearchParams(activityFiltersToSearch(filters)))).toEqual(filters);
    expect(hasActivityFilters(filters)).toBe(true);
    expect(hasActivityFilters(EMPTY_ACTIVITY_FILTERS)).toBe(false);
  });
});

describe('activityApiQuery and activityCsvHref', () => {
  it('turns days into the reader’s midnights, the end day included', () => {
    const query = activityApiQuery({ action: null, userId: null, from: '2026-11-01', to: '2026-11-27' });
    expect(Date.parse(query.from ?? '')).toBe(new Date(2026, 10, 1).getTime());
    expect(Date.parse(query.to ?? '')).toBe(new Date(2026, 10, 28).getTime());
  });

  it('crosses month and year ends', () => {
    expect(Date.parse(activityApiQuery({ ...EMPTY_ACTIVITY_FILTERS, to: '2026-12-31' }).to ?? '')).toBe(new Date(2027, 0, 1).getTime());
  });

  it('exports with the same filters as CSV', () => {
    const href = activityCsvHref({ action: 'auth.', userId: 'usr_1', from: null, to: null });
    expect(href).toBe('/api/v1/account/activity?format=csv&action=auth.&userId=usr_1');
    expect(activityCsvHref(EMPTY_ACTIVITY_FILTERS)).toBe('/api/v1/account/activity?format=csv');
  });

  it('knows an inverted range', () => {
    expect(rangeIsInverted({ ...EMPTY_ACTIVITY_FILTERS, from: '2026-11-27', to: '2026-11-01' })).toBe(true);
    expect(rangeIsInverted({ ...EMPTY_ACTIVITY_FILTERS, from: '2026-11-01', to: '2026-11-01' })).toBe(false);
  });
});
