import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToQuery, hasFilters } from './invoice-filters';

describe('invoice list filters in the address', () => {
  it('read tab, search and range, dropping what the server would refuse', () => {
    expect(filtersFromSearch(new URLSearchParams('tab=older&q=%202026-01%20&from=2026-01-01&to=2026-02-30'))).toEqual({
      tab: 'older',
      q: '2026-01',
      from: '2026-01-01',
      to: null,
    });
    expect(filtersFromSearch(new URLSearchParams('tab=drafts&q=' + 'x'.repeat(60)))).toEqual({ tab: 'unpaid', q: 'x'.repeat(40), from: null, to: null });
  });
  it('write only what differs from the defaults, and round-trip', () => {
    expect(filtersToQuery({ tab: 'unpaid', q: '', from: null, to: null })).toEqual({});
    const f = { tab: 'upcoming' as const, q: '0001', from: '2026-03-01', to: null };
    expect(filtersFromSearch(new URLSearchParams(filtersToQuery(f)))).toEqual(f);
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters({ ...f, q: '', from: null })).toBe(false);
  });
});
