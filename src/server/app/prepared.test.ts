import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/test-db.js';
import { buildAccount } from '../test-support/factories.js';
import { openDatabase } from './db.js';
import { pgStatementNames, prepared } from './prepared.js';

describe('prepared queries', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    handle = await createTestDatabase();
    for (const name of ['Alpha', 'Beta', 'Gamma']) ids[name] = (await buildAccount(handle.db, { name })).id;
  });
  afterAll(() => handle.destroy());

  const byIds = prepared((db, p: { ids: string[]; limit: number }, shape: { order: 'asc' | 'desc' }) =>
    db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', p.ids).orderBy('name', shape.order).limit(p.limit),
  );

  it('runs the same SQL with new values, and lists of another length as another shape', async () => {
    const { Alpha: a, Beta: b, Gamma: c } = ids as Record<'Alpha' | 'Beta' | 'Gamma', string>;
    expect(await byIds.execute(handle.db, { ids: [a, b], limit: 10 }, { order: 'asc' })).toEqual([
      { id: a, name: 'Alpha' },
      { id: b, name: 'Beta' },
    ]);
    expect(await byIds.execute(handle.db, { ids: [c, b], limit: 1 }, { order: 'asc' })).toEqual([{ id: b, name: 'Beta' }]);
    expect((await byIds.execute(handle.db, { ids: [a, b, c], limit: 10 }, { order: 'desc' })).map((r) => r.id)).toEqual([c, b, a]);
    expect(await byIds.execute(handle.db, { ids: ['acc_x'], limit: 10 }, { order: 'asc' })).toEqual([]);
  });

  it('binds booleans on both databases and reports how many rows a write changed', async () => {
    const flag = prepared((db, p: { on: boolean }) => db.selectFrom('accounts').select((eb) => eb.val(p.on).as('v')).limit(1));
    const v = (await flag.executeTakeFirst(handle.db, { on: true }))?.v;
    expect(['true', '1']).toContain(String(v));
    const rename = prepared((db, p: { id: string; name: string }) => db.updateTable('accounts').set({ name: p.name }).where('id', '=', p.id));
    expect(await rename.executeWrite(handle.db, { id: ids.Gamma as string, name: 'Gamma GmbH' })).toBe(1);
    expect(await rename.executeWrite(handle.db, { id: 'acc_none', name: 'x' })).toBe(0);
  });

  it('refuses a placeholder written into the SQL text instead of passed as a value', async () => {
    const bad = prepared((db, p: { col: string }) => db.selectFrom('accounts').select(sql.raw(p.col).as('x')));
    await expect(bad.execute(handle.db, { col: 'name' })).rejects.toThrow(/placeholder/);
  });

  it.runIf(process.env.DATABASE_URL)('runs on PostgreSQL as a named statement, parsed and planned once per connection', async () => {
    const one = openDatabase({ dialect: 'postgres', url: handle.url as string }, { poolSize: 1 });
    try {
      const names = prepared((db, p: { name: string }) => db.selectFrom('accounts').select('id').where('name', '=', p.name));
      await names.execute(one.db, { name: 'Alpha' });
      await names.execute(one.db, { name: 'Beta' });
      const statements = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(one.db);
      const expected = [...pgStatementNames.values()];
      expect(statements.rows.map((r) => r.name).filter((n) => expected.includes(n))).toHaveLength(1);
    } finally {
      await one.destroy();
    }
  });

  it.runIf(process.env.DATABASE_URL)('plans the shapes planEachCall names for their values on every call: no named statement', async () => {
    const one = openDatabase({ dialect: 'postgres', url: handle.url as string }, { poolSize: 1 });
    try {
      const search = prepared(
        (db, p: { like: string }, shape: { filtered: boolean }) => {
          const q = db.selectFrom('accounts').select('id').orderBy('id');
          return shape.filtered ? q.where('name', 'like', p.like) : q.where('name', 'is not', null);
        },
        { planEachCall: (shape) => shape.filtered },
      );
      const named = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map((r) => r.statement);
      for (let i = 0; i < 7; i++) expect(await search.execute(one.db, { like: 'Alp%' }, { filtered: true })).toEqual([{ id: ids.Alpha }]);
      expect((await named()).filter((s) => s.includes('like'))).toEqual([]);
      await search.execute(one.db, { like: '' }, { filtered: false });
      expect((await named()).filter((s) => s.includes('is not null'))).toHaveLength(1);
    } finally {
      await one.destroy();
    }
  });
});
