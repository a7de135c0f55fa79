import { describe, expect, it } from 'vitest';
import { firstResponseDue, responseState } from './sla.js';

const at = (iso: string) => new Date(iso);

describe('firstResponseDue', () => {
  it('gives P1 one hour and P2 four hours around the clock', () => {
    expect(firstResponseDue(at('2026-11-28T23:30:00Z'), 'p1').toISOString()).toBe('2026-11-29T00:30:00.000Z');
    expect(firstResponseDue(at('2026-11-28T23:30:00Z'), 'p2').toISOString()).toBe('2026-11-29T03:30:00.000Z');
  });
  it('gives P3 one business day and skips the weekend', () => {
    expect(firstResponseDue(at('2026-11-24T10:00:00Z'), 'p3').toISOString()).toBe('2026-11-25T10:00:00.000Z'); // Tue → Wed
    expect(firstResponseDue(at('2026-11-27T10:00:00Z'), 'p3').toISOString()).toBe('2026-11-30T10:00:00.000Z'); // Fri → Mon
  });
  it('gives P4 two business days', () => {
    expect(firstResponseDue(at('2026-11-26T09:00:00Z'), 'p4').toISOString()).toBe('2026-11-30T09:00:00.000Z'); // Thu → Mon
  });
  it('counts a case opened on a weekend from Monday morning', () => {
    expect(firstResponseDue(at('2026-11-28T15:00:00Z'), 'p3').toISOString()).toBe('2026-12-01T00:00:00.000Z'); // Sat → Tue 00:00
  });
});

describe('responseState', () => {
  const due = '2026-11-27T12:00:00.000Z';
  it('is due before and overdue after the target without a response', () => {
    expect(responseState({ firstResponseDueAt: due, firstRespondedAt: null }, at('2026-11-27T11:59:00Z'))).toBe('due');
    expect(responseState({ firstResponseDueAt: due, firstRespondedAt: null }, at('2026-11-27T12:01:00Z'))).toBe('overdue');
  });
  it('is met or breached once answered', () => {
    expect(responseState({ firstResponseDueAt: due, firstRespondedAt: '2026-11-27T11:00:00.000Z' })).toBe('met');
    expect(responseState({ firstResponseDueAt: due, firstRespondedAt: '2026-11-27T13:00:00.000Z' })).toBe('breached');
  });
});
