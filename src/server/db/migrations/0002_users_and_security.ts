import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Portal users and their permissions: membership status and version (If-Match), key groups a key
 * manager manages, single-use tokens (invitations, password resets, email changes), TOTP MFA with
 * recovery codes, per-account MFA enforcement, notification preferences and a generic rate-limit log.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('require_mfa', 'boolean', (c) => c.notNull().defaultTo(false)).execute();

  await db.schema.alterTable('users').addColumn('mfa_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('mfa_pending_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('mfa_enabled_at', t.timestamp).execute();
  await db.schema.alterTable('users').addColumn('mfa_last_step', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('mfa_exempt', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('users').addColumn('notification_prefs', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', t.timestamp).execute();

  await db.schema
    .alterTable('memberships')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
    .execute();
  await db.schema.alterTable('memberships').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('memberships').addColumn('invited_by_user_id', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('mfa_required', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('sessions').addColumn('mfa_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('key_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('key_groups_account_name', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('membership_key_groups')
    .addColumn('membership_id', 'text', (c) => c.notNull().references('memberships.id').onDelete('cascade'))
    .addColumn('key_group_id', 'text', (c) => c.notNull().references('key_groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('membership_key_groups_pk', ['membership_id', 'key_group_id'])
    .execute();
  await db.schema.createIndex('membership_key_groups_group').on('membership_key_groups').column('key_group_id').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'password_reset', 'email_change')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('new_email', 'text')
    .addColumn('created_by_user_id', 'text')
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_tokens_user_kind').on('user_tokens').columns(['user_id', 'kind']).execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user').on('mfa_recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('id', t.serial, (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_bucket_at').on('rate_limit_hits').columns(['bucket', 'at']).execute();

  await db.schema.createIndex('audit_events_account_actor_at').on('audit_events').columns(['account_id', 'actor_user_id', 'at']).execute();
}
