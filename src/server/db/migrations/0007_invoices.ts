import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Rechnungen und Kontodaten: the account's billing data (addresses, billing contact, VAT id,
 * purchase-order reference, with a version for If-Match); invoices with their lines and the
 * billing snapshot taken when they are issued; payments (provider + reference UNIQUE: a payment is
 * counted once); the webhook events already processed (event id UNIQUE); checkout sessions (at
 * most one open per invoice, by a partial unique index); and the reminder stages already mailed.
 * Dates a person reads (issue and due date, line periods) are ISO `YYYY-MM-DD` text on both
 * dialects; money is integer minor units (bigint) with its ISO currency.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('billing_address', t.json).execute();
  await db.schema.alterTable('accounts').addColumn('shipping_address', t.json).execute();
  await db.schema.alterTable('accounts').addColumn('billing_contact_name', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('billing_contact_email', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('vat_id', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('po_reference', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Given when the invoice is issued (drafts and scheduled invoices have none yet), so numbers have no gaps.
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'open', 'paid', 'void', 'uncollectible')`))
    // A draft the customer sees under "Demnächst fällig" (e.g. a maintenance renewal); issued on issue_date.
    .addColumn('scheduled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('de', 'en')`))
    .addColumn('issue_date', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('terms_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('bill_to', t.json, (c) => c.notNull())
    .addColumn('vat_id', 'text')
    .addColumn('po_reference', 'text')
    .addColumn('memo', 'text')
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('amount_paid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('issued_at', t.timestamp)
    .addColumn('paid_at', t.timestamp)
    .addColumn('voided_at', t.timestamp)
    .addColumn('uncollectible_at', t.timestamp)
    .addColumn('void_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    // The customer's tab, kept by the database itself, so each tab is one index range in its order.
    .addColumn('tab', 'text', (c) =>
      c
        .generatedAlwaysAs(
          sql`case when status = 'draft' then (case when scheduled then 'upcoming' else 'draft' end) when status in ('open', 'uncollectible') then 'unpaid' else 'older' end`,
        )
        .stored(),
    )
    .addCheckConstraint('invoices_amounts', sql`subtotal >= 0 and tax >= 0 and total = subtotal + tax and amount_paid >= 0 and amount_paid <= total`)
    .addCheckConstraint('invoices_issued_numbered', sql`(status = 'draft') = (number is null)`)
    .execute();
  // The three tabs in the order each sorts (unpaid by due date, the others by issue date), and the
  // tab totals from the index alone.
  await db.schema.createIndex('invoices_account_tab_due').on('invoices').columns(['account_id', 'tab', 'due_date', 'id']).execute();
  await db.schema.createIndex('invoices_account_tab_issue').on('invoices').columns(['account_id', 'tab', 'issue_date', 'id']).execute();
  await db.schema.createIndex('invoices_account_tab_totals').on('invoices').columns(['account_id', 'tab', 'currency', 'total', 'amount_paid']).execute();
  // Reminders and scheduled issuing scan by status and date; the console lists newest first.
  await db.schema.createIndex('invoices_status_due').on('invoices').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('invoices_created').on('invoices').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id').onDelete('restrict'))
    // The product's name when the line was written: a renamed product leaves issued invoices alone.
    .addColumn('product_name', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_amount', 'bigint', (c) => c.notNull())
    // Basis points: 1900 = 19 %.
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('invoice_lines_position', ['invoice_id', 'position'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('restrict'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('stripe', 'bank_transfer')`))
    .addColumn('provider_reference', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('payments_provider_reference', ['provider', 'provider_reference'])
    .execute();
  await db.schema.createIndex('payments_invoice').on('payments').columns(['invoice_id', 'received_at']).execute();

  await db.schema
    .createTable('webhook_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_events_pk', ['provider', 'event_id'])
    .execute();

  await db.schema
    .createTable('checkout_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    // 'creating' while one request talks to the provider; the others wait for its answer.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('creating', 'open', 'complete', 'expired')`))
    .addColumn('provider_session_id', 'text', (c) => c.unique())
    .addColumn('url', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp)
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checkout_sessions_one_open')
    .on('checkout_sessions')
    .column('invoice_id')
    .unique()
    .where(sql<boolean>`status in ('creating', 'open')`)
    .execute();

  await db.schema
    .createTable('invoice_reminders')
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('mail_to', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_reminders_pk', ['invoice_id', 'stage'])
    .execute();
}
