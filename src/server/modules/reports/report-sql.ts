import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../app/db.js';

/**
 * The few SQL expressions the reports need that the dialects spell differently, decided once.
 * Timestamps are `timestamptz` in PostgreSQL and ISO-8601 text in SQLite (app/db.ts).
 */

/** The Monday (UTC) of the ISO week of a timestamp, as `YYYY-MM-DD`. */
export function weekOf(dialect: Dialect, column: string): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(date_trunc('week', ${sql.ref(column)} at time zone 'UTC'), 'YYYY-MM-DD')`
    : // date(x, 'weekday 0') moves on to the coming Sunday (or stays on one); six days back is its Monday.
      sql<string>`date(${sql.ref(column)}, 'weekday 0', '-6 days')`;
}

/** The month (UTC) of a timestamp, as `YYYY-MM`. */
export function monthOf(dialect: Dialect, column: string): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')` : sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

/** Seconds from one timestamp to another. */
export function secondsBetween(dialect: Dialect, from: string, to: string): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)}))`
    : sql<number>`((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400.0)`;
}

/**
 * The median of a column of numbers, in SQL on both dialects (SQLite has no percentile function):
 * rank the values, keep the middle one (odd count) or the middle two (even count), average them.
 */
export function medianOf(values: Expression<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(select avg(v) from (
    select v, row_number() over (order by v) as rn, count(*) over () as n from (${values}) as vals
  ) as ranked where rn in ((n + 1) / 2, (n + 2) / 2))`;
}

/** The ISO date `days` days from `isoDate` (UTC). */
export function shiftDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The start of the day after `isoDate`, as an ISO timestamp: the exclusive end of a date range. */
export const endOfDay = (isoDate: string) => `${shiftDate(isoDate, 1)}T00:00:00.000Z`;
export const startOfDay = (isoDate: string) => `${isoDate}T00:00:00.000Z`;
