import { describe, expect, it } from 'vitest';
import { formatMoney, invoiceTotals, minorToInput, parseMoney, parseRate } from './money';

describe('staff invoice money', () => {
  it('formats minor units in the invoice currency for the locale', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en-GB')).toBe('€1,234.56');
    expect(formatMoney(1200, 'JPY', 'en-GB')).toBe('JP¥1,200');
  });

  it('reads amounts as people type them, in either decimal mark', () => {
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney('12.5', 'EUR')).toBe(1250);
    expect(parseMoney('1.234,56', 'EUR')).toBe(123456);
    expect(parseMoney('1,234.56', 'EUR')).toBe(123456);
    expect(parseMoney('1.234', 'EUR')).toBe(123400);
    expect(parseMoney('1 200', 'EUR')).toBe(120000);
    expect(parseMoney('12', 'EUR')).toBe(1200);
    expect(parseMoney('1200', 'JPY')).toBe(1200);
    for (const bad of ['', '-5', 'abc', '12,5,0', '1.2345', ',5']) expect(parseMoney(bad, 'EUR'), bad).toBeNull();
  });

  it('round-trips an amount through the edit field', () => {
    expect(minorToInput(123456, 'EUR', 'de-DE')).toBe('1234,56');
    expect(parseMoney(minorToInput(123456, 'EUR', 'de-DE'), 'EUR')).toBe(123456);
    expect(parseMoney(minorToInput(5, 'EUR', 'en-GB'), 'EUR')).toBe(5);
  });

  it('reads tax rates in percent as basis points', () => {
    expect(parseRate('19')).toBe(1900);
    expect(parseRate('7,5')).toBe(750);
    expect(parseRate('0')).toBe(0);
    expect(parseRate('19 %')).toBe(1900);
    expect(parseRate('101')).toBeNull();
    expect(parseRate('x')).toBeNull();
  });

  it('adds up lines as the server does: tax rounded half up per line', () => {
    expect(invoiceTotals([{ quantity: 3, unitAmount: 333, taxRateBp: 1900 }, { quantity: 1, unitAmount: 50, taxRateBp: 700 }])).toEqual({ subtotal: 1049, tax: 190 + 4, total: 1243 });
  });
});
