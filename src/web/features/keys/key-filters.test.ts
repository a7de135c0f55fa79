import { describe, expect, it } from 'vitest';
import { csvExportHref, EMPTY_FILTERS, filtersFromSearch, filtersToQuery, hasFilters } from './key-filters';

describe('filtersFromSearch', () => {
  it('reads every filter from the address', () => {
    const params = new URLSearchParams('filter=maintenance_expiring&product=prd_1&keyGroup=none&q=%20Jonas%20');
    expect(filtersFromSearch(params)).toEqual({
      filter: 'maintenance_expiring',
      product: 'prd_1',
      keyGroup: 'none',
      q: 'Jonas',
    });
  });

  it('ignores an unknown quick filter and oversized ids instead of failing the list', () => {
    const params = new URLSearchParams(`filter=everything&product=${'x'.repeat(101)}&q=${'a'.repeat(300)}`);
    const filters = filtersFromSearch(params);
    expect(filters.filter).toBeNull();
    expect(filters.product).toBeNull();
    expect(filters.q).toHaveLength(200);
  });

  it('gives the empty filters for an empty address', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual(EMPTY_FILTERS);
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
  });
});

describe('filtersToQuery and csvExportHref', () => {
  it('leave out empty values and keep a fixed order', () => {
    expect(filtersToQuery({ filter: null, product: 'prd_1', keyGroup: null, q: 'x' })).toEqual({ product: 'prd_1', q: 'x' });
  });

  it('export exactly the filtered keys as CSV', () => {
    expect(csvExportHref({ filter: 'unassigned', product: null, keyGroup: 'kgr_1', q: 'Müller & Co' })).toBe(
      '/api/v1/keys?format=csv&filter=unassigned&keyGroup=kgr_1&q=M%C3%BCller+%26+Co',
    );
    expect(csvExportHref(EMPTY_FILTERS)).toBe('/api/v1/keys?format=csv');
  });
});
