import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Products and editions, product keys, activations (the registration history), the licence
 * signing key and fixed-window rate-limit counters for the licensing API.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('editions_product_code', ['product_id', 'code'])
    .execute();

  await db.schema
    .createTable('product_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('restrict'))
    .addColumn('key_group_id', 'text', (c) => c.references('key_groups.id').onDelete('set null'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('restrict'))
    .addColumn('edition_id', 'text', (c) => c.references('editions.id').onDelete('restrict'))
    .addColumn('license_key', 'text', (c) => c.notNull().unique())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats > 0`))
    .addColumn('term', 'text', (c) => c.notNull().check(sql`term in ('perpetual', 'subscription')`))
    .addColumn('valid_until', t.timestamp)
    .addColumn('maintenance_start', t.timestamp)
    .addColumn('maintenance_end', t.timestamp)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'suspended', 'revoked')`))
    .addColumn('assigned_name', 'text')
    .addColumn('assigned_email', 'text')
    .addColumn('assigned_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_used_version', 'text')
    .addColumn('last_seen_at', t.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('product_keys_account_created').on('product_keys').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('product_keys_group').on('product_keys').column('key_group_id').execute();
  await db.schema.createIndex('product_keys_assigned_user').on('product_keys').column('assigned_user_id').execute();

  await db.schema
    .createTable('activations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().references('product_keys.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text')
    .addColumn('os', 'text')
    .addColumn('software_version', 'text')
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('online', 'offline')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'deactivated')`))
    .addColumn('activated_at', t.timestamp, (c) => c.notNull())
    .addColumn('activated_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('deactivated_at', t.timestamp)
    .addColumn('deactivation', 'text', (c) => c.check(sql`deactivation in ('software', 'offline', 'portal_release', 'staff')`))
    .addColumn('deactivated_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('activations_key_activated').on('activations').columns(['key_id', 'activated_at']).execute();
  // One live activation per machine and key; history rows (deactivated) may repeat.
  await db.schema
    .createIndex('activations_one_active_per_machine')
    .on('activations')
    .columns(['key_id', 'fingerprint'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // The licence signing key is made once, here, under the migration lock: every replica shares it.
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await db
    .insertInto('signing_keys' as never)
    .values({
      kid: crypto.createHash('sha256').update(publicPem).digest('hex').slice(0, 16),
      public_key: publicPem,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      created_at: new Date().toISOString(),
    } as never)
    .execute();

  await db.schema
    .createTable('rate_counters')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['bucket', 'window_start'])
    .execute();
}
