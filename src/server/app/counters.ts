import type { Db } from './db.js';

/**
 * The next value of a human-quoted sequence (account, case, invoice numbers), race-free on both
 * dialects: one conditional UPSERT … RETURNING inside the caller's transaction.
 */
export async function nextCounterValue(db: Db, name: string, start: number): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: start + 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
