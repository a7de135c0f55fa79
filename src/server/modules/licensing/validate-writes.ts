import { sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';
import { prepared } from '../../app/prepared.js';
import { rateLimited } from '../../app/rate-limit.js';

/**
 * What one `validate` call writes: its rate-limit hits, and (when it is allowed and the machine is
 * activated) the activation's last-seen time and version and the key's last use.
 */
export interface ValidateWrite {
  buckets: { bucket: string; max: number; windowMs: number }[];
  touch: { activationId: string; keyId: string; version: string | null; at: string } | null;
}

interface Pending {
  write: ValidateWrite;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the licensing API's hottest call. Every validate writes (a rate counter, last
 * seen), and one transaction per call is what limited it: calls that arrive while a batch is being
 * written wait for the next batch, which writes all of their counters and touches in one
 * transaction. A call still answers only after its own write is committed, and a call over its
 * limit gets its 429 from the same counts a single-call write would have given (hits are counted in
 * arrival order), so nothing changes for the caller but the cost.
 */
export class ValidateWriter {
  #queue: Pending[] = [];
  #flushing = false;
  readonly #blockedUntil: Map<string, number>;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    blockedUntil: Map<string, number>,
  ) {
    this.#blockedUntil = blockedUntil;
  }

  submit(write: ValidateWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // Let the calls that arrived in this turn of the event loop join the batch.
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, 500);
      try {
        const refused = await this.#write(batch.map((p) => p.write));
        batch.forEach((p, i) => {
          const err = refused[i];
          if (err) p.reject(err);
          else p.resolve();
        });
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.#flushing = false;
  }

  /** Writes a batch in one transaction; per call, the 429 it gets (or undefined). */
  async #write(writes: ValidateWrite[]): Promise<(Error | undefined)[]> {
    const now = Date.now();
    // Hits per (bucket, window) in arrival order.
    const hits = new Map<string, { bucket: string; windowStart: number; count: number }>();
    const positions = writes.map((w) =>
      w.buckets.map((b) => {
        const windowStart = now - (now % b.windowMs);
        const k = `${b.bucket}\u0000${windowStart}`;
        const h = hits.get(k) ?? { bucket: b.bucket, windowStart, count: 0 };
        h.count += 1;
        hits.set(k, h);
        return { ...b, key: k, windowStart, nth: h.count };
      }),
    );
    return this.db.transaction().execute(async (trx) => {
      const totals = new Map<string, number>();
      if (hits.size) {
        const rows = await trx
          .insertInto('rate_counters')
          .values([...hits.values()].map((h) => ({ bucket: h.bucket, window_start: h.windowStart, hits: h.count })))
          .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_counters.hits', '+', eb.ref('excluded.hits')) })))
          .returning(['bucket', 'window_start', 'hits'])
          .execute();
        for (const r of rows) totals.set(`${r.bucket}\u0000${Number(r.window_start)}`, Number(r.hits));
      }
      const refused: (Error | undefined)[] = [];
      const touches = new Map<string, NonNullable<ValidateWrite['touch']>>();
      writes.forEach((w, i) => {
        let over: { bucket: string; windowStart: number; windowMs: number } | null = null;
        for (const p of positions[i] ?? []) {
          const total = totals.get(p.key) ?? 0;
          const count = hits.get(p.key)?.count ?? 0;
          // This call's hit is number (total - count + nth) in its window.
          if (total - count + p.nth > p.max) over = p;
        }
        if (over) {
          const windowEnd = over.windowStart + over.windowMs;
          if (this.#blockedUntil.size > 10_000) this.#blockedUntil.clear();
          this.#blockedUntil.set(over.bucket, windowEnd);
          refused.push(rateLimited({ headers: { 'retry-after': String(Math.max(1, Math.ceil((windowEnd - now) / 1000))) } }));
          return;
        }
        refused.push(undefined);
        if (w.touch) touches.set(w.touch.activationId, w.touch);
      });
      await this.#touch(trx, [...touches.values()]);
      return refused;
    });
  }

  async #touch(trx: Db, touches: NonNullable<ValidateWrite['touch']>[]) {
    if (!touches.length) return;
    if (this.dialect === 'sqlite') {
      // SQLite runs statements in-process: one prepared update per row costs microseconds.
      for (const t of touches) {
        await touchActivation.execute(trx, { id: t.activationId, at: t.at, version: t.version });
        await touchKey.execute(trx, { id: t.keyId, at: t.at, version: t.version });
      }
      return;
    }
    // PostgreSQL: one statement per table for the whole batch (one round trip each).
    const rows = sql.join(touches.map((t) => sql`(${t.activationId}, ${t.keyId}, ${t.at}::timestamptz, ${t.version}::text)`));
    await sql`update activations as a set last_seen_at = v.at, software_version = coalesce(v.version, a.software_version)
      from (values ${rows}) as v(id, key_id, at, version) where a.id = v.id`.execute(trx);
    const byKey = new Map<string, NonNullable<ValidateWrite['touch']>>();
    for (const t of touches) {
      const seen = byKey.get(t.keyId);
      byKey.set(t.keyId, seen && seen.at > t.at ? seen : { ...t, version: t.version ?? seen?.version ?? null });
    }
    const keyRows = sql.join([...byKey.values()].map((t) => sql`(${t.keyId}, ${t.at}::timestamptz, ${t.version}::text)`));
    await sql`update product_keys as k set last_seen_at = v.at, last_used_version = coalesce(v.version, k.last_used_version)
      from (values ${keyRows}) as v(id, at, version) where k.id = v.id`.execute(trx);
  }
}

const touchActivation = prepared((db, p: { id: string; at: string; version: string | null }) =>
  db
    .updateTable('activations')
    .set((eb) => ({ last_seen_at: p.at, software_version: eb.fn.coalesce(eb.val(p.version), eb.ref('software_version')) }))
    .where('id', '=', p.id),
);

const touchKey = prepared((db, p: { id: string; at: string; version: string | null }) =>
  db
    .updateTable('product_keys')
    .set((eb) => ({ last_seen_at: p.at, last_used_version: eb.fn.coalesce(eb.val(p.version), eb.ref('last_used_version')) }))
    .where('id', '=', p.id),
);
