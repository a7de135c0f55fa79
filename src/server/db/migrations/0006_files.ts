import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Case attachments (issue #6): `uploads` are tus uploads in progress (bound to their uploader and
 * target case, with the attachment id they will become), `attachments` the finished files on a
 * case, `upload_locks` the cross-process tus locks (a lease per upload, renewed while held).
 * Sizes are bigint: files may be many GiB.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('uploader_kind', 'text', (c) => c.notNull().check(sql`uploader_kind in ('customer', 'staff')`))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('attachment_id', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    .addColumn('length', 'bigint', (c) => c.notNull())
    .addColumn('offset_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('storage', 'text', (c) => c.notNull().check(sql`storage in ('local', 's3')`))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .execute();
  await db.schema.createIndex('uploads_account_open').on('uploads').columns(['account_id', 'completed_at']).execute();
  await db.schema.createIndex('uploads_expires').on('uploads').columns(['expires_at']).execute();
  await db.schema.createIndex('uploads_case').on('uploads').column('case_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('uploader_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploader_kind', 'text', (c) => c.notNull().check(sql`uploader_kind in ('customer', 'staff')`))
    .addColumn('upload_id', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull().check(sql`storage in ('local', 's3')`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    .addColumn('scan_status', 'text', (c) => c.notNull().check(sql`scan_status in ('clean', 'infected', 'pending', 'skipped', 'failed')`))
    .addColumn('scan_result', 'text')
    .addColumn('scanned_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_case_created').on('attachments').columns(['case_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('attachments_account').on('attachments').column('account_id').execute();

  await db.schema
    .createTable('upload_locks')
    .addColumn('upload_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('release_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}
