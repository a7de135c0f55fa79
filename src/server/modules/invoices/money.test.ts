import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatDate, formatMoney, formatTaxRate, invoiceTotals, lineAmounts } from './money.js';

describe('invoice arithmetic', () => {
  it('taxes each line rounded half up, and the invoice adds its lines up exactly', () => {
    expect(lineAmounts({ quantity: 3, unitAmount: 1999, taxRateBp: 1900 })).toEqual({ amount: 5997, tax: 1139 }); // 1139.43
    expect(lineAmounts({ quantity: 1, unitAmount: 50, taxRateBp: 1900 })).toEqual({ amount: 50, tax: 10 }); // 9.5 → 10
    expect(lineAmounts({ quantity: 1, unitAmount: 10000, taxRateBp: 0 })).toEqual({ amount: 10000, tax: 0 });
    expect(invoiceTotals([
      { quantity: 3, unitAmount: 1999, taxRateBp: 1900 },
      { quantity: 2, unitAmount: 12500, taxRateBp: 700 },
    ])).toEqual({ subtotal: 30997, tax: 1139 + 1750, total: 30997 + 2889 });
  });

  it('formats money in the invoice language with the euro sign and the currency’s own digits', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500');
    expect(formatTaxRate(1900, 'de')).toBe('19 %');
    expect(formatTaxRate(750, 'en')).toBe('7.5%');
  });

  it('reads and moves dates in UTC', () => {
    expect(formatDate('2026-03-31', 'de')).toBe('31.03.2026');
    expect(formatDate('2026-03-31', 'en')).toBe('31 Mar 2026');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
  });
});
