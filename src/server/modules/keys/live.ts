import { sql } from 'kysely';

/**
 * `'active'` as an SQL literal, not a bound parameter: only then can SQLite use the partial index
 * `activations_one_active_per_machine (… WHERE status = 'active')` — with a parameter the seat
 * count runs ten times slower.
 */
export const LIVE = sql.lit<'active'>('active');
