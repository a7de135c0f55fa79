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

export async function pruneRateCounters(db: Db, olderThanMs: number): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', olderThanMs).execute();
}

const blockedByDb = new WeakMap<Db, Map<string, number>>();

/** The buckets this process saw over their limit, with the end of their window. */
export function blockedBuckets(db: Db): Map<string, number> {
  let blocked = blockedByDb.get(db);
  if (!blocked) {
    blocked = new Map();
    blockedByDb.set(db, blocked);
  }
  return blocked;
}

/** Throws 429 at once if this process already saw `bucket` over its limit in the current window. */
export function ensureNotBlocked(db: Db, bucket: string): void {
  const blocked = blockedByDb.get(db)?.get(bucket);
  const now = Date.now();
  if (blocked !== undefined && now < blocked) throw rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((blocked - now) / 1000))) } });
}

/**
 * Cheap fixed-window counters for hot paths (the licensing API): one UPSERT for all buckets, one
 * commit, no row per hit. Throws 429 with Retry-After if any bucket is over its limit. Buckets this
 * process already saw over their limit are refused in memory until their window ends, so a flood
 * does not reach the database (the count in the database stays the shared truth).
 */
export async function hitFixedWindows(db: Db, buckets: { bucket: string; max: number; windowMs: number }[]): Promise<void> {
  const now = Date.now();
  const blockedUntil = blockedBuckets(db);
  for (const { bucket } of buckets) {
    const blocked = blockedUntil.get(bucket);
    if (blocked !== undefined && now < blocked) throw rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((blocked - now) / 1000))) } });
  }
  const rows = await db
    .insertInto('rate_counters')
    .values(buckets.map(({ bucket, windowMs }) => ({ bucket, window_start: now - (now % windowMs), hits: 1 })))
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_counters.hits', '+', 1) })))
    .returning(['bucket', 'hits'])
    .execute();
  for (const row of rows) {
    const spec = buckets.find((b) => b.bucket === row.bucket);
    if (spec && Number(row.hits) > spec.max) {
      const windowEnd = now - (now % spec.windowMs) + spec.windowMs;
      if (blockedUntil.size > 10_000) blockedUntil.clear();
      blockedUntil.set(spec.bucket, windowEnd);
      throw rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((windowEnd - now) / 1000))) } });
    }
  }
}
