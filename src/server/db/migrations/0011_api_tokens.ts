import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Personal API tokens: a customer's own automation calls the API with `Authorization: Bearer …`.
 * A token belongs to one user in one account, carries scopes (which areas, read or write), always
 * expires, and can be revoked by its owner or the account's admins. Only its SHA-256 is stored.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    /** The first characters of the secret, so its owner can tell tokens apart. */
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('scopes', t.json, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', t.timestamp)
    .addColumn('revoked_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_tokens_account_user').on('api_tokens').columns(['account_id', 'user_id', 'created_at']).execute();
}
