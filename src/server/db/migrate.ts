import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db, Dialect } from '../app/db.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_users_and_security.js';
import * as m0003 from './migrations/0003_keys.js';
import * as m0004 from './migrations/0004_cases.js';
import * as m0005 from './migrations/0005_case_list_performance.js';
import * as m0006 from './migrations/0006_files.js';
import * as m0007 from './migrations/0007_invoices.js';
import * as m0008 from './migrations/0008_downloads.js';
import * as m0010 from './migrations/0010_invoice_totals.js';
import * as m0011 from './migrations/0011_api_tokens.js';
import * as m0012 from './migrations/0012_report_indexes.js';
import * as m0013 from './migrations/0013_activation_accounts.js';
import * as m0014 from './migrations/0014_invoice_number_search.js';
import * as m0009 from './migrations/0009_reports.js';

/** Column types that differ between the dialects, decided once for every migration. */
export interface MigrationContext {
  types: {
    dialect: Dialect;
    timestamp: 'timestamptz' | 'text';
    json: 'jsonb' | 'text';
    serial: 'bigserial' | 'integer';
  };
}

type MigrationModule = { up: (db: Kysely<unknown>, ctx: MigrationContext) => Promise<void> };

// Listed explicitly (no directory scanning): the order is the file name order.
const migrations: Record<string, MigrationModule> = {
  '0001_foundation': m0001,
  '0002_users_and_security': m0002,
  '0003_keys': m0003,
  '0004_cases': m0004,
  '0005_case_list_performance': m0005,
  '0006_files': m0006,
  '0007_invoices': m0007,
  '0008_downloads': m0008,
  '0010_invoice_totals': m0010,
  '0011_api_tokens': m0011,
  '0009_reports': m0009,
  '0012_report_indexes': m0012,
  '0013_activation_accounts': m0013,
  '0014_invoice_number_search': m0014,
};

function provider(dialect: Dialect): MigrationProvider {
  const ctx: MigrationContext = {
    types:
      dialect === 'postgres'
        ? { dialect, timestamp: 'timestamptz', json: 'jsonb', serial: 'bigserial' }
        : { dialect, timestamp: 'text', json: 'text', serial: 'integer' },
  };
  return {
    async getMigrations() {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, mod]): [string, Migration] => [
          name,
          { up: (db) => mod.up(db, ctx) },
        ]),
      );
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: provider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
