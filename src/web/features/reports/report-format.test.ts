import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatMonth, splitSeriesKey } from './report-format';

describe('report formatting', () => {
  it('shows money in the currency’s major unit and the reader’s language', () => {
    expect(formatMoney(11900, 'EUR', 'de').replace(/\s/g, ' ')).toBe('119,00 €');
    expect(formatMoney(11900, 'EUR', 'en')).toBe('€119.00');
    expect(formatMoney(500, 'JPY', 'en')).toBe('JP¥500');
  });

  it('shows months and days as the server counted them (UTC)', () => {
    expect(formatMonth('2026-10', 'en')).toBe('Oct 2026');
    expect(formatDay('2026-10-05', 'de')).toBe('05.10.2026');
  });

  it('splits per-currency series keys', () => {
    expect(splitSeriesKey('billed:EUR')).toEqual({ measure: 'billed', currency: 'EUR' });
    expect(splitSeriesKey('opened')).toEqual({ measure: 'opened', currency: null });
  });
});
