import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Every suffix of every invoice number, per account, kept by triggers: a search for a part of a
 * number (`0904` in INV-2026-090412) becomes one range of the primary key, `suffix >= '0904' and
 * suffix < '0904' || U+FFFF`, instead of a LIKE over all of the account's invoices (issue #7: with
 * 10,000 of them a search cost 10–15 ms on SQLite, most of it the filtered tab totals).
 *
 * A number is 15 characters, so an issued invoice has 15 rows here, written once when it is issued
 * (numbers never change afterwards); its suffixes all differ in length, so none repeats. There is
 * no foreign key and no second index: the triggers delete an invoice's rows through the primary
 * key (account, each suffix of the old number, id), which keeps the table at one B-tree.
 * Trigram indexes (SQLite FTS5 `trigram`, pg_trgm) were measured first: invoice numbers share most
 * of their trigrams (`INV`, `-20`, `090`…), so a search intersected lists of nearly every invoice
 * and was no faster than the scan. Suffixes compare bytewise (SQLite's default, "C" on PostgreSQL),
 * which is the order the range needs.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  const pg = t.dialect === 'postgres';
  await sql`create table invoice_number_suffixes (
    account_id text not null,
    suffix text ${pg ? sql`collate "C"` : sql``} not null,
    invoice_id text not null,
    primary key (account_id, suffix, invoice_id)
  )${pg ? sql`` : sql` without rowid`}`.execute(db);
  if (pg) {
    await sql`
      create function invoice_number_suffixes_sync() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.number is not null then
          delete from invoice_number_suffixes
            where account_id = old.account_id and invoice_id = old.id
              and suffix in (select substr(old.number, k) from generate_series(1, length(old.number)) k);
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.number is not null then
          insert into invoice_number_suffixes (account_id, suffix, invoice_id)
            select new.account_id, substr(new.number, k), new.id from generate_series(1, length(new.number)) k;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger invoice_number_suffixes_insert after insert on invoices for each row when (new.number is not null) execute function invoice_number_suffixes_sync()`.execute(db);
    await sql`create trigger invoice_number_suffixes_update after update of number, account_id on invoices for each row
      when (old.number is distinct from new.number or old.account_id is distinct from new.account_id) execute function invoice_number_suffixes_sync()`.execute(db);
    await sql`create trigger invoice_number_suffixes_delete after delete on invoices for each row when (old.number is not null) execute function invoice_number_suffixes_sync()`.execute(db);
    await sql`insert into invoice_number_suffixes (account_id, suffix, invoice_id)
      select i.account_id, substr(i.number, k), i.id from invoices i cross join lateral generate_series(1, length(i.number)) k where i.number is not null`.execute(db);
  } else {
    // SQLite allows no WITH in a trigger: the positions come from a small table instead.
    await sql`create table invoice_number_positions (k integer primary key)`.execute(db);
    await sql`insert into invoice_number_positions (k) values ${sql.join(Array.from({ length: 64 }, (_, i) => sql`(${sql.lit(i + 1)})`))}`.execute(db);
    const insertNew = sql`insert into invoice_number_suffixes (account_id, suffix, invoice_id)
      select new.account_id, substr(new.number, p.k), new.id from invoice_number_positions p where p.k <= length(new.number);`;
    const deleteOld = sql`delete from invoice_number_suffixes where account_id = old.account_id and invoice_id = old.id
      and suffix in (select substr(old.number, p.k) from invoice_number_positions p where p.k <= length(old.number));`;
    await sql`create trigger invoice_number_suffixes_insert after insert on invoices when new.number is not null begin ${insertNew} end`.execute(db);
    await sql`create trigger invoice_number_suffixes_update after update of number, account_id on invoices
      when old.number is not new.number or old.account_id is not new.account_id begin ${deleteOld} ${insertNew} end`.execute(db);
    await sql`create trigger invoice_number_suffixes_delete after delete on invoices when old.number is not null begin ${deleteOld} end`.execute(db);
    await sql`insert into invoice_number_suffixes (account_id, suffix, invoice_id)
      select i.account_id, substr(i.number, p.k), i.id from invoices i join invoice_number_positions p on p.k <= length(i.number) where i.number is not null`.execute(db);
  }
}
