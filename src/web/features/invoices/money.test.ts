import { describe, expect, it } from 'vitest';
import { formatMoney, formatTaxRate } from './money';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('divides by the currency’s own decimals and formats for the language', () => {
    expect(nbsp(formatMoney(123456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(nbsp(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56');
    expect(nbsp(formatMoney(1234, 'JPY', 'de'))).toBe('1.234 ¥');
    expect(nbsp(formatMoney(-500, 'CHF', 'de'))).toBe('-5,00 CHF');
  });
  it('writes tax rates in basis points as percentages', () => {
    expect(nbsp(formatTaxRate(1900, 'de'))).toBe('19 %');
    expect(nbsp(formatTaxRate(750, 'en'))).toBe('7.5%');
  });
});
