import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/**
 * Each activation carries its key's account, set by a trigger when it is inserted (a key never
 * moves to another account, so the copy cannot go stale, and no code path can forget it).
 *
 * Reports read one account's machines out of all accounts' (issue #9: 200,000 of 1,000,000).
 * Reached through the account's keys, PostgreSQL probes an index once per key (20,000 probes
 * for the activations report) or scans every activation (versions in use); with the account on
 * the row, account-led indexes give it the account's activations in one range scan. None of these
 * indexes holds last_seen_at, which every licensing validate moves: a validate stays a HOT update.
 *
 * SQLite reads those reports per key from its covering indexes (migration 0012) in well under the
 * targets, so it gets the column (one schema for both) and no extra indexes to keep up.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await sql`alter table activations add column account_id text references accounts(id) on delete cascade`.execute(db);
  await sql`update activations set account_id = (select k.account_id from product_keys k where k.id = activations.key_id)`.execute(db);
  if (t.dialect === 'postgres') {
    await sql`alter table activations alter column account_id set not null`.execute(db);
    await sql`
      create function activations_set_account() returns trigger language plpgsql as $$
      begin
        new.account_id := (select k.account_id from product_keys k where k.id = new.key_id);
        return new;
      end $$`.execute(db);
    await sql`create trigger activations_account before insert on activations for each row execute function activations_set_account()`.execute(db);
    // Activations and deactivations per week; the machines per version now; seats in use per key.
    await sql`create index activations_account_activated on activations (account_id, activated_at)`.execute(db);
    await sql`create index activations_account_deactivated on activations (account_id, deactivated_at) where deactivated_at is not null`.execute(db);
    await sql`create index activations_account_live on activations (account_id, key_id, software_version) where status = 'active'`.execute(db);
  } else {
    await sql`create trigger activations_account after insert on activations when new.account_id is null begin
      update activations set account_id = (select k.account_id from product_keys k where k.id = new.key_id) where id = new.id;
    end`.execute(db);
  }
}
