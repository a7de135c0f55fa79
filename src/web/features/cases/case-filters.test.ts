import { describe, expect, it } from 'vitest';
import { csvExportHref, dayParam, filtersFromSearch, filtersToQuery, hasFilters } from './case-filters';

describe('the case list filters in the address', () => {
  it('read every known filter and drop unknown or malformed values', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('view=my_open&q=%20Absturz%20&status=solved&type=technical&severity=p9&product=prd_1&from=2026-02-30&to=2026-03-01&sort=nope'),
    );
    expect(filters).toEqual({
      view: 'my_open',
      q: 'Absturz',
      status: 'solved',
      type: 'technical',
      severity: null,
      product: 'prd_1',
      contact: null,
      from: null,
      to: '2026-03-01',
      sort: 'newest',
    });
  });

  it('write them back in a fixed order without empty values or the default sort', () => {
    const filters = filtersFromSearch(new URLSearchParams('sort=activity&q=x&view=all'));
    expect(filtersToQuery(filters)).toEqual({ view: 'all', q: 'x', sort: 'activity' });
    expect(Object.keys(filtersToQuery(filters))).toEqual(['view', 'q', 'sort']);
  });

  it('count a sort order alone as no filter', () => {
    expect(hasFilters(filtersFromSearch(new URLSearchParams('sort=oldest&view=all')))).toBe(false);
    expect(hasFilters(filtersFromSearch(new URLSearchParams('severity=p1')))).toBe(true);
  });

  it('export the shown view with the same filters', () => {
    const filters = filtersFromSearch(new URLSearchParams('status=new&contact=usr_1'));
    expect(csvExportHref(filters, 'all_open')).toBe('/api/v1/cases?format=csv&view=all_open&status=new&contact=usr_1');
  });

  it('accept only calendar days that exist', () => {
    expect(dayParam('2026-12-31')).toBe('2026-12-31');
    expect(dayParam('2026-13-01')).toBeNull();
    expect(dayParam('31.12.2026')).toBeNull();
  });
});
