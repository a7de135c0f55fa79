import type { Db } from './db.js';
import { nowIso } from './db.js';
import { createError } from './errors.js';

export const rateLimited = createError({ code: 'request.rate_limited', status: 429, message: 'Too many requests; try again later' });

/**
 * A sliding-window limit kept in the database, so it holds across processes: at most `max` hits per
 * `bucket` within `windowMs`. Records the hit when allowed; throws 429 with Retry-After otherwise.
 */
export async function hitRateLimit(db: Db, { bucket, max, windowMs }: { bucket: string; max: number; windowMs: number }): Promise<void> {
  const since = new Date(Date.now() - windowMs).toISOString();
  const row = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('bucket', '=', bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= max) {
    const oldest = row.oldest ? Date.parse(String(row.oldest)) : Date.now();
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
    throw rateLimited({ headers: { 'retry-after': String(retryAfter) } });
  }
  await db.insertInto('rate_limit_hits').values({ bucket, at: nowIso() }).execute();
}

export async function pruneRateLimitHits(db: Db, before: string): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('at', '<', before).execute();
}

/**
 * A cheap fixed-window counter for hot paths (the licensing API): one UPSERT per request, no row per
 * hit. Throws 429 with Retry-After once `max` requests fell into the current window.
 */
// Buckets this process already saw over their limit, until their window ends: a flood is refused
// without touching the database (the count in the database stays the shared truth).
const blockedByDb = new WeakMap<Db, Map<string, number>>();

export async function hitFixedWindow(db: Db, { bucket, max, windowMs }: { bucket: string; max: number; windowMs: number }): Promise<void> {
  const now = Date.now();
  const windowStart = now - (now % windowMs);
  const blockedUntil = blockedByDb.get(db) ?? new Map<string, number>();
  blockedByDb.set(db, blockedUntil);
  const blocked = blockedUntil.get(bucket);
  if (blocked !== undefined) {
    if (now < blocked) throw rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((blocked - now) / 1000))) } });
    blockedUntil.delete(bucket);
  }
  const row = await db
    .insertInto('rate_counters')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_counters.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (Number(row.hits) > max) {
    if (blockedUntil.size > 10_000) blockedUntil.clear();
    blockedUntil.set(bucket, windowStart + windowMs);
    throw rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000))) } });
  }
}

export async function pruneRateCounters(db: Db, olderThanMs: number): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', olderThanMs).execute();
}
