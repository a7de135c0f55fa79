import { sql } from 'kysely';
import type { Db } from '../../app/db.js';

export interface Assignee {
  id: string;
  name: string;
  email: string;
}

/** At most this many portal users answer one assignee search: a picker, not a user list. */
export const ASSIGNEE_SEARCH_LIMIT = 20;

export function createAssigneesRepository({ db }: { db: Db }) {
  return {
    /**
     * Active portal users of the account (active user, active membership) whose name or email
     * contains `q`, by name. Only this account's memberships are joined, so nobody else can appear.
     */
    async search({ accountId, q }: { accountId: string; q?: string }): Promise<Assignee[]> {
      let query = db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.email'])
        .where('m.account_id', '=', accountId)
        .where('m.status', '=', 'active')
        .where('u.status', '=', 'active')
        .where('u.kind', '=', 'customer')
        .orderBy('u.name')
        .orderBy('u.email')
        .limit(ASSIGNEE_SEARCH_LIMIT);
      if (q) {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([sql<boolean>`lower(u.name) like ${like} escape '\\'`, sql<boolean>`lower(u.email) like ${like} escape '\\'`]),
        );
      }
      return query.execute();
    },
  };
}
