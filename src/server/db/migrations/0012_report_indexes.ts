import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Indexes the activations report needs at scale (issue #9: an account with 20,000 keys and
 * 200,000 activations). Deactivations per week read only (key, deactivated_at) entries instead of
 * every activation row of the account's keys. On SQLite the live machines per version, and which
 * of them went unseen, come from one covering index; PostgreSQL does without it: last_seen_at in an
 * index would make every licensing validate (which moves last_seen_at) a non-HOT update that writes
 * all of the table's indexes anew.
 *
 * The console's exports across all accounts walk keys, activations and cases in (created, id)
 * order, a page at a time: without these indexes every page sorted the whole table (100,000 keys:
 * half a second a page, 40 s for the key inventory).
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await sql`create index activations_key_deactivated on activations (key_id, deactivated_at) where deactivated_at is not null`.execute(db);
  await sql`create index product_keys_created on product_keys (created_at, id)`.execute(db);
  await sql`create index activations_activated on activations (activated_at, id)`.execute(db);
  await sql`create index cases_created on cases (created_at, id)`.execute(db);
  if (t.dialect === 'sqlite') {
    await sql`create index activations_live_versions on activations (key_id, status, last_seen_at, software_version, id) where status = 'active'`.execute(db);
  }
}
