import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearch, filtersToApiQuery, filtersToSearch } from './case-filters';

describe('the case queue filters', () => {
  it('start with the open cases of every queue, newest first, and keep the defaults out of the address', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
    expect(filtersToSearch(DEFAULT_FILTERS)).toEqual({});
    expect(filtersToApiQuery(DEFAULT_FILTERS)).toEqual({
      queue: undefined, status: 'new,in_progress,waiting_on_customer', assigned: 'any', overdue: undefined, q: undefined, sort: 'newest', account: undefined,
    });
  });

  it('read back what they wrote', () => {
    const filters = { queue: 'customer_service', status: 'solved', assigned: 'none', overdue: true, q: 'Lizenz', sort: 'due', account: 'acc_1' } as const;
    expect(filtersFromSearch(new URLSearchParams(filtersToSearch(filters)))).toEqual(filters);
    expect(filtersToApiQuery(filters)).toEqual({ queue: 'customer_service', status: 'solved', assigned: 'none', overdue: 'true', q: 'Lizenz', sort: 'due', account: 'acc_1' });
    expect(filtersToApiQuery({ ...filters, status: 'all' }).status).toBeUndefined();
  });

  it('ignore unknown values and cut an oversized search', () => {
    const filters = filtersFromSearch(new URLSearchParams({ queue: 'x', status: 'open,new', assigned: 'them', sort: 'old', overdue: '1', q: 'a'.repeat(300) }));
    expect({ ...filters, q: filters.q.length }).toEqual({ ...DEFAULT_FILTERS, q: 200 });
  });
});
