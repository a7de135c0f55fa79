import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Support cases (Fälle): the case, its CCs, public comments and internal notes, the timeline of
 * status and field changes, what each user viewed last, and the full-text index. The index is
 * dialect-specific: a GIN index over `to_tsvector('simple', search_text)` on PostgreSQL, an FTS5
 * table on SQLite. `search_text` holds only what customers may read (no internal notes).
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('technical', 'customer_service')`))
    .addColumn('category', 'text', (c) => c.check(sql`category in ('invoice', 'payment', 'account_data', 'licensing', 'other')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id').onDelete('restrict'))
    .addColumn('product_version', 'text')
    .addColumn('operating_system', 'text')
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('p1', 'p2', 'p3', 'p4')`))
    .addColumn('key_id', 'text', (c) => c.references('product_keys.id').onDelete('set null'))
    .addColumn('invoice_number', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'in_progress', 'waiting_on_customer', 'solved', 'closed')`))
    .addColumn('contact_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('assigned_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('related_case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('first_response_due_at', t.timestamp, (c) => c.notNull())
    .addColumn('first_responded_at', t.timestamp)
    .addColumn('solved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('last_activity_at', t.timestamp, (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_account_created').on('cases').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_account_status_created').on('cases').columns(['account_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_contact').on('cases').columns(['contact_user_id', 'created_at']).execute();
  await db.schema.createIndex('cases_creator').on('cases').columns(['created_by_user_id', 'created_at']).execute();
  await db.schema.createIndex('cases_key').on('cases').column('key_id').execute();
  await db.schema.createIndex('cases_status_due').on('cases').columns(['status', 'first_response_due_at']).execute();
  await db.schema.createIndex('cases_assigned').on('cases').columns(['assigned_user_id', 'status']).execute();

  await db.schema
    .createTable('case_ccs')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('case_ccs_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema.createIndex('case_ccs_user').on('case_ccs').columns(['user_id', 'case_id']).execute();

  await db.schema
    .createTable('case_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_kind', 'text', (c) => c.notNull().check(sql`author_kind in ('customer', 'staff')`))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_comments_case_created').on('case_comments').columns(['case_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case_created').on('case_events').columns(['case_id', 'created_at']).execute();

  await db.schema
    .createTable('case_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('viewed_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_views_pk', ['user_id', 'case_id'])
    .execute();
  await db.schema.createIndex('case_views_user_viewed').on('case_views').columns(['user_id', 'viewed_at']).execute();

  // The "Meine Fälle" view a user chose last.
  await db.schema.alterTable('users').addColumn('case_view', 'text').execute();

  if (t.dialect === 'postgres') {
    await sql`create index cases_search on cases using gin (to_tsvector('simple', search_text))`.execute(db);
  } else {
    await sql`create virtual table case_search using fts5(case_id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  }
}
