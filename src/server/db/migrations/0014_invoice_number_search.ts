import { type Kysely, sql } from 'kysely';

/**
 * A number search (`?q=0904`, a substring) over an account's invoices reads this index instead of
 * the invoices: the first page takes the matching ids of the tab from it, and the filtered totals
 * of all tabs are summed from it alone (it holds tab, currency, total and amount paid). Before, both
 * fetched every invoice of the account from the table to look at its number: 10,000 invoices, 66
 * searches a second at 50 connections, p99 6.9 s, timeouts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index invoices_account_number on invoices (account_id, number, id, tab, currency, total, amount_paid)`.execute(db);
}
