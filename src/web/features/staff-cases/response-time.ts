export type ResponseState = 'met' | 'breached' | 'due' | 'overdue';

export type DurationUnit = 'minute' | 'hour' | 'day';

/**
 * How far `dueAt` is from `now`, in the one unit a person reads at a glance: minutes below an
 * hour, hours below two days, days beyond. Rounded down, and at least one minute.
 */
export function distance(dueAt: string, now: number): { value: number; unit: DurationUnit } {
  const minutes = Math.max(1, Math.floor(Math.abs(Date.parse(dueAt) - now) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}

/**
 * The first-response state as of `now`: the server's answer is a snapshot from when the data was
 * loaded, and a page left open must show a target passing into "overdue" without a reload.
 */
export function stateAt(c: { responseState: ResponseState; firstResponseDueAt: string; firstRespondedAt: string | null }, now: number): ResponseState {
  if (c.firstRespondedAt || c.responseState === 'met' || c.responseState === 'breached') return c.responseState;
  return now > Date.parse(c.firstResponseDueAt) ? 'overdue' : 'due';
}

/** "35 Min." / "2 hrs": a duration in the user's locale. */
export function formatDistance({ value, unit }: { value: number; unit: DurationUnit }, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}
