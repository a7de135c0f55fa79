import type { Db } from '../../app/db.js';
import { prepared } from '../../app/prepared.js';
import { nowIso } from '../../app/db.js';
import { newId } from '../../app/ids.js';

export interface KeyGroup {
  id: string;
  name: string;
  keyCount: number;
  managers: { id: string; name: string }[];
}

/** The key groups a key manager manages: read on each list request of keys and cases. */
const managedGroups = prepared((db, p: { userId: string; accountId: string }) =>
  db
    .selectFrom('membership_key_groups as mk')
    .innerJoin('memberships as m', 'm.id', 'mk.membership_id')
    .select('mk.key_group_id')
    .where('m.user_id', '=', p.userId)
    .where('m.account_id', '=', p.accountId),
);

export function createKeyGroupsRepository({ db }: { db: Db }) {
  return {
    async list(accountId: string, onlyIds?: readonly string[]): Promise<KeyGroup[]> {
      if (onlyIds && onlyIds.length === 0) return [];
      let q = db
        .selectFrom('key_groups as g')
        .select((eb) => [
          'g.id', 'g.name',
          eb.selectFrom('product_keys as k').whereRef('k.key_group_id', '=', 'g.id').select(eb.fn.countAll<number>().as('n')).as('key_count'),
        ])
        .where('g.account_id', '=', accountId)
        .orderBy('g.name');
      if (onlyIds) q = q.where('g.id', 'in', [...onlyIds]);
      const rows = await q.execute();
      const managers = rows.length
        ? await db
            .selectFrom('membership_key_groups as mk')
            .innerJoin('memberships as m', 'm.id', 'mk.membership_id')
            .innerJoin('users as u', 'u.id', 'm.user_id')
            .select(['mk.key_group_id', 'u.id', 'u.name'])
            .where('mk.key_group_id', 'in', rows.map((r) => r.id))
            .orderBy('u.name')
            .execute()
        : [];
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        keyCount: Number(r.key_count ?? 0),
        managers: managers.filter((m) => m.key_group_id === r.id).map((m) => ({ id: m.id, name: m.name })),
      }));
    },

    async find(accountId: string, id: string) {
      return (await db.selectFrom('key_groups').select(['id', 'name']).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    async insert(accountId: string, name: string) {
      const id = newId('kgr');
      const now = nowIso();
      await db.insertInto('key_groups').values({ id, account_id: accountId, name, created_at: now, updated_at: now }).execute();
      return { id, name };
    },

    async rename(accountId: string, id: string, name: string) {
      await db.updateTable('key_groups').set({ name, updated_at: nowIso() }).where('account_id', '=', accountId).where('id', '=', id).execute();
    },

    async remove(accountId: string, id: string) {
      await db.deleteFrom('key_groups').where('account_id', '=', accountId).where('id', '=', id).execute();
    },

    /** The key groups a user manages in an account (through their membership). */
    async managedBy(userId: string, accountId: string): Promise<string[]> {
      const rows = await managedGroups.execute(db, { userId, accountId });
      return rows.map((r) => r.key_group_id);
    },
  };
}
