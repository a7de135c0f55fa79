import { describe, expect, it } from 'vitest';
import { distance, formatDistance, stateAt } from './response-time';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('the first-response time', () => {
  it('reads in minutes below an hour, hours below two days and days beyond, rounded down', () => {
    expect(distance(at(35), NOW)).toEqual({ value: 35, unit: 'minute' });
    expect(distance(at(-125), NOW)).toEqual({ value: 2, unit: 'hour' });
    expect(distance(at(47 * 60 + 59), NOW)).toEqual({ value: 47, unit: 'hour' });
    expect(distance(at(-3 * 24 * 60), NOW)).toEqual({ value: 3, unit: 'day' });
    expect(distance(at(0), NOW)).toEqual({ value: 1, unit: 'minute' });
  });

  it('speaks German and English', () => {
    expect(formatDistance({ value: 35, unit: 'minute' }, 'de-DE')).toBe('35 Min.');
    expect(formatDistance({ value: 2, unit: 'hour' }, 'de-DE')).toBe('2 Std.');
    expect(formatDistance({ value: 2, unit: 'hour' }, 'en-GB')).toBe('2 hrs');
  });

  it('turns overdue once the target passes, and keeps an answered case as the server judged it', () => {
    const open = { responseState: 'due' as const, firstResponseDueAt: at(-1), firstRespondedAt: null };
    expect(stateAt(open, NOW)).toBe('overdue');
    expect(stateAt({ ...open, firstResponseDueAt: at(10) }, NOW)).toBe('due');
    expect(stateAt({ responseState: 'met', firstResponseDueAt: at(-1), firstRespondedAt: at(-30) }, NOW)).toBe('met');
  });
});
