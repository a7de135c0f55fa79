import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type DatabaseHandle, openDatabase } from './db.js';
import { readAll } from './sqlite-readers.js';

let dir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-readers-'));
  handle = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'portico.sqlite') });
  await migrateToLatest(handle.db, 'sqlite');
});
afterAll(async () => {
  await handle.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reads in worker threads (SQLite files)', () => {
  it('answers what the main connection answers, sees each committed write, and runs queries side by side', async () => {
    const { db } = handle;
    const at = new Date().toISOString();
    const accounts = Array.from({ length: 50 }, (_, i) => ({ id: `acc_readers${String(i).padStart(3, '0')}`, number: `R-${i}`, name: `Konto ${i} – Zürich`, status: 'active' as const, currency: 'EUR', locale: 'de', created_at: at, updated_at: at }));
    await db.insertInto('accounts').values(accounts).execute();
    const query = () => db.selectFrom('accounts').select(['id', 'name']).where('name', 'like', 'Konto 1%').orderBy('id');
    const onMain = await query().execute();
    expect(onMain.length).toBe(11);
    expect(await readAll(db, query())).toEqual(onMain);

    // A write committed on the main connection is visible to the next read in a worker.
    await db.updateTable('accounts').set({ name: 'Konto 1 – umbenannt' }).where('id', '=', 'acc_readers001').execute();
    expect((await readAll(db, query())).find((r) => r.id === 'acc_readers001')?.name).toBe('Konto 1 – umbenannt');

    // Many at once: each gets its own answer.
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => readAll(db, db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '<=', `acc_readers${String(i).padStart(3, '0')}`).where('id', 'like', 'acc_readers%'))),
    );
    expect(counts.map((r) => Number(r[0]?.n))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('passes a query error on, and keeps working after it', async () => {
    const { db } = handle;
    await expect(readAll(db, db.selectFrom('accounts').select(sql<number>`no_such_function(1)`.as('x')))).rejects.toThrow(/no such function/);
    expect((await readAll(db, db.selectFrom('accounts').select('id').limit(1))).length).toBe(1);
  });

  it('never writes: a worker connection is read-only', async () => {
    const { db } = handle;
    await expect(readAll(db, db.deleteFrom('accounts').returning('id') as never)).rejects.toThrow(/readonly/i);
    expect((await db.selectFrom('accounts').select('id').execute()).length).toBeGreaterThan(0);
  });
});
