import { describe, expect, it } from 'vitest';
import { exportHref, filtersFromSearch, filtersToQuery } from './report-filters';

describe('report filters in the address', () => {
  it('keeps only the filters the report takes, in a fixed order', () => {
    const params = new URLSearchParams('within=60&severity=p1&product=prd_1&keyGroup=none');
    const filters = filtersFromSearch(params, ['product', 'keyGroup', 'within']);
    expect(filters).toEqual({ product: 'prd_1', keyGroup: 'none', within: '60' });
    expect(Object.keys(filtersToQuery(filters))).toEqual(['product', 'keyGroup', 'within']);
  });

  it('drops malformed values from a hand-edited address instead of failing', () => {
    const params = new URLSearchParams('from=2026-13-45&to=yesterday&within=45&staleDays=0&currency=eur&status=gone');
    expect(filtersFromSearch(params, ['from', 'to', 'within', 'staleDays', 'currency', 'status'])).toEqual({});
  });

  it('drops an end date before the start date', () => {
    expect(filtersFromSearch(new URLSearchParams('from=2026-10-10&to=2026-10-01'), ['from', 'to'])).toEqual({ from: '2026-10-10' });
  });

  it('builds the export address with the filters, the format and the language', () => {
    expect(exportHref('/api/v1/reports/maintenance', { within: '90', product: 'prd_1' }, 'xlsx', 'de-DE')).toBe(
      '/api/v1/reports/maintenance?product=prd_1&within=90&format=xlsx&lang=de',
    );
    expect(exportHref('/api/v1/staff/reports/cases', {}, 'csv', 'en', { accountId: 'acc_1' })).toBe('/api/v1/staff/reports/cases?accountId=acc_1&format=csv&lang=en');
  });
});
