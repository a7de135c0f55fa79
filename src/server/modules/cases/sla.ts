import type { CaseSeverity } from '../../db/schema.js';

/** First-response targets: P1 1 hour, P2 4 hours (around the clock), P3 1 and P4 2 business days. */
export const FIRST_RESPONSE = {
  p1: { hours: 1 },
  p2: { hours: 4 },
  p3: { businessDays: 1 },
  p4: { businessDays: 2 },
} as const satisfies Record<CaseSeverity, { hours: number } | { businessDays: number }>;

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * When the first response is due for a case opened at `openedAt`. A business day ends at the same
 * time on the next weekday (UTC); a case opened on a weekend counts from Monday 00:00.
 */
export function firstResponseDue(openedAt: Date, severity: CaseSeverity): Date {
  const target = FIRST_RESPONSE[severity];
  if ('hours' in target) return new Date(openedAt.getTime() + target.hours * 3_600_000);
  const due = new Date(openedAt);
  if (isWeekend(due)) {
    while (isWeekend(due)) due.setUTCDate(due.getUTCDate() + 1);
    due.setUTCHours(0, 0, 0, 0);
  }
  let left: number = target.businessDays;
  while (left > 0) {
    due.setUTCDate(due.getUTCDate() + 1);
    if (!isWeekend(due)) left--;
  }
  return due;
}

export type ResponseState = 'met' | 'breached' | 'due' | 'overdue';

/** Whether the first response came in time, is still due, or is overdue. */
export function responseState(c: { firstResponseDueAt: string; firstRespondedAt: string | null }, now = new Date()): ResponseState {
  const due = Date.parse(c.firstResponseDueAt);
  if (c.firstRespondedAt) return Date.parse(c.firstRespondedAt) <= due ? 'met' : 'breached';
  return now.getTime() > due ? 'overdue' : 'due';
}
