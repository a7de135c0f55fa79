import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * The release centre (issue #8): `releases` of a product (a version on a channel, Markdown notes,
 * published or a draft) and their `release_artifacts` (one file per platform/arch with its size,
 * SHA-256 and storage key, and an optional detached signature file).
 *
 * Uploads get a target kind: a tus upload becomes a case attachment (as before) or a release
 * artifact (staff only, no customer account, no quota). `uploads.case_id` and `account_id`
 * become nullable for that, which SQLite can only do by rebuilding the table.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('stable', 'preview', 'lts')`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', t.timestamp)
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('releases_product_version', ['product_id', 'version'])
    .execute();
  await db.schema.createIndex('releases_product_published').on('releases').columns(['product_id', 'published_at']).execute();

  await db.schema
    .createTable('release_artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull().check(sql`platform in ('windows', 'macos', 'linux')`))
    .addColumn('arch', 'text', (c) => c.notNull().check(sql`arch in ('x64', 'arm64')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull().check(sql`storage in ('local', 's3')`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('signature_file_name', 'text')
    .addColumn('signature_storage_key', 'text')
    .addColumn('signature_size', 'bigint')
    .addColumn('signature_sha256', 'text')
    .addColumn('upload_id', 'text', (c) => c.unique())
    .addColumn('uploader_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('release_artifacts_file', ['release_id', 'file_name'])
    .execute();
  await db.schema.createIndex('release_artifacts_release').on('release_artifacts').columns(['release_id', 'platform', 'arch']).execute();

  if (t.dialect === 'postgres') {
    await sql`alter table uploads alter column case_id drop not null`.execute(db);
    await sql`alter table uploads alter column account_id drop not null`.execute(db);
    await sql`alter table uploads add column target text not null default 'case' check (target in ('case', 'artifact'))`.execute(db);
    await sql`alter table uploads add column release_id text references releases(id) on delete cascade`.execute(db);
    await sql`alter table uploads add column platform text`.execute(db);
    await sql`alter table uploads add column arch text`.execute(db);
  } else {
    await sql`create table uploads_new (
      id text primary key,
      uploader_user_id text not null references users(id) on delete cascade,
      uploader_kind text not null check (uploader_kind in ('customer', 'staff')),
      account_id text references accounts(id) on delete cascade,
      case_id text references cases(id) on delete cascade,
      attachment_id text not null unique,
      file_name text not null,
      declared_type text,
      visibility text not null check (visibility in ('public', 'internal')),
      length bigint not null,
      offset_bytes bigint not null default 0,
      storage text not null check (storage in ('local', 's3')),
      created_at text not null,
      updated_at text not null,
      expires_at text not null,
      completed_at text,
      target text not null default 'case' check (target in ('case', 'artifact')),
      release_id text references releases(id) on delete cascade,
      platform text,
      arch text,
      check ((target = 'case' and case_id is not null and account_id is not null) or (target = 'artifact' and release_id is not null and platform is not null and arch is not null))
    )`.execute(db);
    await sql`insert into uploads_new (id, uploader_user_id, uploader_kind, account_id, case_id, attachment_id, file_name, declared_type, visibility, length,
      offset_bytes, storage, created_at, updated_at, expires_at, completed_at)
      select id, uploader_user_id, uploader_kind, account_id, case_id, attachment_id, file_name, declared_type, visibility, length,
      offset_bytes, storage, created_at, updated_at, expires_at, completed_at from uploads`.execute(db);
    await sql`drop table uploads`.execute(db);
    await sql`alter table uploads_new rename to uploads`.execute(db);
    await db.schema.createIndex('uploads_account_open').on('uploads').columns(['account_id', 'completed_at']).execute();
    await db.schema.createIndex('uploads_expires').on('uploads').columns(['expires_at']).execute();
    await db.schema.createIndex('uploads_case').on('uploads').column('case_id').execute();
  }
  if (t.dialect === 'postgres') {
    await sql`alter table uploads add constraint uploads_target_shape check (
      (target = 'case' and case_id is not null and account_id is not null) or (target = 'artifact' and release_id is not null and platform is not null and arch is not null)
    )`.execute(db);
  }
  await db.schema.createIndex('uploads_release').on('uploads').column('release_id').execute();
}
