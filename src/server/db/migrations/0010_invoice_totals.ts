import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * What keeps the Rechnungen tabs fast in an account with thousands of invoices: `invoice_totals`
 * holds, per account, tab and currency, how many invoices there are, their total and their open
 * balance, kept by triggers on `invoices` (so no code path can forget it). The first page of a tab
 * shows the totals of all three tabs; without a filter they are a few rows instead of a scan of
 * every invoice of the account. (A search or a date range still sums the matching invoices.)
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('invoice_totals')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('tab', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_totals_pk', ['account_id', 'tab', 'currency'])
    .execute();
  await sql`insert into invoice_totals (account_id, tab, currency, n, total, balance)
    select account_id, tab, currency, count(*), sum(total), sum(total - amount_paid) from invoices group by account_id, tab, currency`.execute(db);

  if (t.dialect === 'postgres') {
    // AFTER triggers see the stored generated `tab` of the new row.
    await sql`
      create function invoice_totals_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update invoice_totals set n = n - 1, total = total - old.total, balance = balance - (old.total - old.amount_paid)
            where account_id = old.account_id and tab = old.tab and currency = old.currency;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into invoice_totals (account_id, tab, currency, n, total, balance)
            values (new.account_id, new.tab, new.currency, 1, new.total, new.total - new.amount_paid)
            on conflict (account_id, tab, currency) do update set n = invoice_totals.n + 1,
              total = invoice_totals.total + excluded.total, balance = invoice_totals.balance + excluded.balance;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger invoices_totals_insert_delete after insert or delete on invoices for each row execute function invoice_totals_apply()`.execute(db);
    await sql`create trigger invoices_totals_update after update on invoices for each row
      when (old.account_id is distinct from new.account_id or old.tab is distinct from new.tab or old.currency is distinct from new.currency
        or old.total is distinct from new.total or old.amount_paid is distinct from new.amount_paid)
      execute function invoice_totals_apply()`.execute(db);
  } else {
    const add = sql`insert into invoice_totals (account_id, tab, currency, n, total, balance)
      values (new.account_id, new.tab, new.currency, 1, new.total, new.total - new.amount_paid)
      on conflict (account_id, tab, currency) do update set n = n + 1, total = total + excluded.total, balance = balance + excluded.balance;`;
    const remove = sql`update invoice_totals set n = n - 1, total = total - old.total, balance = balance - (old.total - old.amount_paid)
      where account_id = old.account_id and tab = old.tab and currency = old.currency;`;
    await sql`create trigger invoices_totals_insert after insert on invoices begin ${add} end`.execute(db);
    await sql`create trigger invoices_totals_delete after delete on invoices begin ${remove} end`.execute(db);
    await sql`create trigger invoices_totals_update after update on invoices
      when old.account_id is not new.account_id or old.tab is not new.tab or old.currency is not new.currency
        or old.total is not new.total or old.amount_paid is not new.amount_paid
      begin ${remove} ${add} end`.execute(db);
  }
  // The index that served the grouped scan has no reader left.
  await db.schema.dropIndex('invoices_account_tab_totals').execute();
}
