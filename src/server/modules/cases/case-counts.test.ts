import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../db/schema.js';
import { buildAccount, buildCase, buildMember } from '../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const STATUSES: CaseStatus[] = ['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed'];

describe('per-status case counts (kept by triggers)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function kept() {
    const rows = await t.db.selectFrom('case_counts').select(['account_id', 'status', 'n']).where('n', '>', 0).execute();
    return rows.map((r) => `${r.account_id}/${r.status}=${Number(r.n)}`).sort();
  }
  async function actual() {
    const rows = await t.db
      .selectFrom('cases')
      .select((eb) => ['account_id', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['account_id', 'status'])
      .execute();
    return rows.map((r) => `${r.account_id}/${r.status}=${Number(r.n)}`).sort();
  }

  it('match the cases after inserts, status changes, moves between accounts and deletes, in any order', async () => {
    const accounts = [await buildAccount(t.db), await buildAccount(t.db)];
    const users = await Promise.all(accounts.map(async (account) => (await buildMember(t.db, { account, role: 'admin' })).user));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const a = i % 2;
      ids.push((await buildCase(t, { accountId: accounts[a]!.id, userId: users[a]!.id, status: STATUSES[i % 5] })).caseId);
    }
    expect(await kept()).toEqual(await actual());
    for (let i = 0; i < 60; i++) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const status = STATUSES[Math.floor(Math.random() * STATUSES.length)]!;
      // A no-change update, a change, and an edit of another column must all keep the counts right.
      await t.db.updateTable('cases').set({ status }).where('id', '=', id).execute();
      await t.db.updateTable('cases').set({ subject: `Edited ${i}` }).where('id', '=', id).execute();
    }
    expect(await kept()).toEqual(await actual());
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ status: 'closed' }).where('id', 'in', ids.slice(0, 10)).execute();
    });
    await t.db.deleteFrom('case_events').where('case_id', 'in', ids.slice(20)).execute();
    await t.db.deleteFrom('cases').where('id', 'in', ids.slice(20)).execute();
    expect(await kept()).toEqual(await actual());
  });
});
