import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Berichte (issue #9): `report_subscriptions` are a user's scheduled reports (the report, its
 * filters, weekly or monthly, the format of the attachment, the next run and the last mail sent,
 * paused with a reason when the user lost the right to run it); `mail_attachments` the files an
 * outbox mail carries (base64 text, so one column type serves both dialects; reports are small).
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('report_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('report_id', 'text', (c) => c.notNull().check(sql`report_id in ('key-inventory', 'maintenance', 'activations', 'cases', 'invoices')`))
    .addColumn('filters', t.json, (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('weekly', 'monthly')`))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('xlsx', 'csv')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'paused')`))
    .addColumn('paused_reason', 'text')
    .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_subscriptions_user').on('report_subscriptions').columns(['user_id', 'account_id', 'created_at']).execute();
  await db.schema.createIndex('report_subscriptions_due').on('report_subscriptions').columns(['status', 'next_run_at']).execute();

  await db.schema
    .createTable('mail_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mail_id', 'text', (c) => c.notNull().references('mails.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_attachments_mail').on('mail_attachments').columns(['mail_id', 'position']).execute();
}
