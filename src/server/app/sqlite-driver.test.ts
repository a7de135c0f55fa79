import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';

describe('the SQLite driver', () => {
  it('runs queries and transactions one at a time in arrival order, and rolls back a failed transaction', async () => {
    const { db, destroy } = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    try {
      await sql`create table t (n integer not null)`.execute(db);
      const done: number[] = [];
      let release!: () => void;
      const held = db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (0)`.execute(trx);
        // Everything below queues behind this open transaction.
        await new Promise<void>((r) => {
          release = r;
        });
        done.push(0);
      });
      const queued = Array.from({ length: 200 }, (_, i) => sql`insert into t (n) values (${i + 1})`.execute(db).then(() => done.push(i + 1)));
      await new Promise((r) => setTimeout(r, 10));
      expect(done).toEqual([]);
      release();
      await Promise.all([held, ...queued]);
      expect(done).toEqual(Array.from({ length: 201 }, (_, i) => i));
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`insert into t (n) values (-1)`.execute(trx);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const rows = await sql<{ c: number; m: number }>`select count(*) as c, min(n) as m from t`.execute(db);
      expect(rows.rows[0]).toEqual({ c: 201, m: 0 });
    } finally {
      await destroy();
    }
  });
});
