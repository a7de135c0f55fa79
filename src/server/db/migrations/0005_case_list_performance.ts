import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * What keeps "Meine Fälle" fast in an account with thousands of cases:
 *
 * - `case_counts` holds how many cases each account has per status, kept by triggers on `cases` (so
 *   no code path can forget it): the counts of the account-wide views are a few rows instead of a
 *   scan of every case of the account on each page load.
 * - A customer's search runs in an index of its own account's words: `cases.search_scoped` holds
 *   the search words prefixed with the account's token (scopedSearchText). SQLite indexes it in a
 *   `scoped` column of the FTS5 table, PostgreSQL in a stored tsvector column with a GIN index.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('case_counts')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counts_pk', ['account_id', 'status'])
    .execute();
  await sql`insert into case_counts (account_id, status, n) select account_id, status, count(*) from cases group by account_id, status`.execute(db);

  // The search words once more, each prefixed with its account's token (see scopedSearchText).
  await db.schema.alterTable('cases').addColumn('search_scoped', 'text', (c) => c.notNull().defaultTo('')).execute();
  const cases = db as unknown as Kysely<{ cases: { id: string; account_id: string; search_text: string; search_scoped: string } }>;
  for (let after = ''; ; ) {
    const rows = await cases.selectFrom('cases').select(['id', 'account_id', 'search_text']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (!rows.length) break;
    for (const r of rows) await cases.updateTable('cases').set({ search_scoped: scopedSearchText(r.account_id, r.search_text) }).where('id', '=', r.id).execute();
    after = rows[rows.length - 1]!.id;
  }

  if (t.dialect === 'postgres') {
    await sql`
      create function case_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update case_counts set n = n - 1 where account_id = old.account_id and status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into case_counts (account_id, status, n) values (new.account_id, new.status, 1)
            on conflict (account_id, status) do update set n = case_counts.n + 1;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cases_count_insert_delete after insert or delete on cases for each row execute function case_counts_apply()`.execute(db);
    await sql`create trigger cases_count_update after update of status, account_id on cases for each row
      when (old.status is distinct from new.status or old.account_id is distinct from new.account_id) execute function case_counts_apply()`.execute(db);

    // Stored: checking a matching row costs no parsing.
    await sql`alter table cases add column scoped_vector tsvector generated always as (to_tsvector('simple', search_scoped)) stored`.execute(db);
    await sql`create index cases_search_scoped on cases using gin (scoped_vector)`.execute(db);
  } else {
    const add = sql`insert into case_counts (account_id, status, n) values (new.account_id, new.status, 1)
      on conflict (account_id, status) do update set n = n + 1;`;
    const remove = sql`update case_counts set n = n - 1 where account_id = old.account_id and status = old.status;`;
    await sql`create trigger cases_count_insert after insert on cases begin ${add} end`.execute(db);
    await sql`create trigger cases_count_delete after delete on cases begin ${remove} end`.execute(db);
    await sql`create trigger cases_count_update after update of status, account_id on cases
      when old.status is not new.status or old.account_id is not new.account_id begin ${remove} ${add} end`.execute(db);

    await sql`drop table case_search`.execute(db);
    await sql`create virtual table case_search using fts5(scoped, case_id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`insert into case_search (rowid, scoped, case_id, search_text) select rowid, search_scoped, id, search_text from cases`.execute(db);
  }
}

/** An account's search token: its id, letters and digits only (a tokenizer keeps it one word). */
export const accountSearchToken = (accountId: string): string => `${accountId.replace(/[^A-Za-z0-9]/g, '')}x`;

/** The words of a text, as search tokens see them: letters and digits. */
export const searchWords = (text: string): string[] => text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A customer's search runs within one account. Prefixing every indexed word with the account's
 * token makes the index itself per account: a prefix search ("zeitüber…") scans the words of
 * that account only, so it costs the same in a portal with a hundred accounts as in one with
 * fifty thousand. (Staff search the plain text across accounts.)
 */
export const scopedSearchText = (accountId: string, text: string): string => {
  const token = accountSearchToken(accountId);
  return searchWords(text)
    .map((w) => token + w)
    .join(' ');
};
