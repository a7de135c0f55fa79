import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';

describe('format helpers', () => {
  it('write dates the German way in German and the British way in English', () => {
    // Midday UTC stays on the same calendar day in every time zone the tests may run in.
    expect(formatDate('2026-11-27T12:00:00Z', 'de')).toBe('27.11.2026');
    expect(formatDate('2026-11-27T12:00:00Z', 'en')).toBe('27 Nov 2026');
  });

  it('include the time in date-times', () => {
    expect(formatDateTime('2026-11-27T12:00:00Z', 'de')).toMatch(/^27\.11\.2026, \d{2}:\d{2}$/);
  });

  it('return an unparseable timestamp unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date', 'de')).toBe('not a date');
  });

  it('group digits per language', () => {
    expect(formatNumber(1234567, 'de')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });
});
