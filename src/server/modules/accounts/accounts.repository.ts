import { sql } from 'kysely';
import type { Db } from '../../app/db.js';
import { nowIso, toBool } from '../../app/db.js';
import { newId } from '../../app/ids.js';
import { nextCounterValue } from '../../app/counters.js';
import { type Cursor, decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';

export interface Account {
  id: string;
  number: string;
  name: string;
  status: 'active' | 'suspended';
  currency: string;
  locale: string;
  requireMfa: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AccountListItem extends Account {
  memberCount: number;
}

export function createAccountsRepository({ db }: { db: Db }) {
  return {
    /** Creates an account with the next human account number (100001, 100002, …); call inside a transaction. */
    async insertAccount(input: { name: string; currency?: string; locale?: string }): Promise<Account> {
      const n = await nextCounterValue(db, 'account_number', 100000);
      const now = nowIso();
      const account: Account = {
        id: newId('acc'),
        number: String(n),
        name: input.name,
        status: 'active',
        currency: input.currency ?? 'EUR',
        locale: input.locale ?? 'de',
        requireMfa: false,
        createdAt: now,
        updatedAt: now,
      };
      await db
        .insertInto('accounts')
        .values({
          id: account.id,
          number: account.number,
          name: account.name,
          status: account.status,
          currency: account.currency,
          locale: account.locale,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return account;
    },

    async findAccountById(id: string): Promise<Account | null> {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return r
        ? { id: r.id, number: r.number, name: r.name, status: r.status, currency: r.currency, locale: r.locale, requireMfa: toBool(r.require_mfa), createdAt: r.created_at, updatedAt: r.updated_at }
        : null;
    },

    async setRequireMfa(id: string, requireMfa: boolean) {
      await db.updateTable('accounts').set({ require_mfa: requireMfa, updated_at: nowIso() }).where('id', '=', id).execute();
    },

    /** Staff list of all accounts, newest first, keyset-paginated, optionally filtered by name or number. */
    async listAccounts({ q, limit, cursor }: { q?: string; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let query = db
        .selectFrom('accounts as a')
        .select([
          'a.id', 'a.number', 'a.name', 'a.status', 'a.currency', 'a.locale', 'a.require_mfa', 'a.created_at', 'a.updated_at',
          (eb) =>
            eb.selectFrom('memberships as m').whereRef('m.account_id', '=', 'a.id').select(eb.fn.countAll<number>().as('n')).as('member_count'),
        ])
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit + 1);
      if (q) {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([sql<boolean>`lower(a.name) like ${like} escape '\\'`, sql<boolean>`a.number like ${like} escape '\\'`]),
        );
      }
      if (after) {
        query = query.where(olderThan('a.created_at', 'a.id', after));
      }
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const items: AccountListItem[] = page.map((r) => ({
        id: r.id,
        number: r.number,
        name: r.name,
        status: r.status,
        currency: r.currency,
        locale: r.locale,
        requireMfa: toBool(r.require_mfa),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        memberCount: Number(r.member_count ?? 0),
      }));
      const nextCursor: string | null =
        rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id } satisfies Cursor) : null;
      return { items, nextCursor };
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
