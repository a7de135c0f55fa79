import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * What keeps "Meine Fälle" fast in an account with thousands of cases:
 *
 * - `case_counts` holds how many cases each account has per status, kept by triggers on `cases` (so
 *   no code path can forget it): the counts of the account-wide views are a few rows instead of a
 *   scan of every case of the account on each page load.
 * - The full-text index knows each case's account, so a search matches within one account instead
 *   of across all of them before the account filter. SQLite: an indexed `account` column in the FTS5
 *   table. PostgreSQL: `@` and the account id as one more
 *   lexeme of the indexed tsvector (a search word, letters and digits only, can never match it).
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

    await sql`drop index cases_search`.execute(db);
    await sql`create index cases_search on cases using gin ((to_tsvector('simple', search_text) || array_to_tsvector(array['@' || account_id])))`.execute(db);
  } else {
    const add = sql`insert into case_counts (account_id, status, n) values (new.account_id, new.status, 1)
      on conflict (account_id, status) do update set n = n + 1;`;
    const remove = sql`update case_counts set n = n - 1 where account_id = old.account_id and status = old.status;`;
    await sql`create trigger cases_count_insert after insert on cases begin ${add} end`.execute(db);
    await sql`create trigger cases_count_delete after delete on cases begin ${remove} end`.execute(db);
    await sql`create trigger cases_count_update after update of status, account_id on cases
      when old.status is not new.status or old.account_id is not new.account_id begin ${remove} ${add} end`.execute(db);

    await sql`drop table case_search`.execute(db);
    await sql`create virtual table case_search using fts5(account, case_id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`insert into case_search (rowid, account, case_id, search_text) select rowid, ${sql.raw(SQLITE_ACCOUNT_TOKEN_SQL)}, id, search_text from cases`.execute(db);
  }
}

/**
 * The account's token in SQLite's FTS table: the id without its underscore, so the tokenizer keeps
 * it as one word (`acc_3x…` would be split in two).
 */
export const SQLITE_ACCOUNT_TOKEN_SQL = `replace(account_id, '_', '')`;
