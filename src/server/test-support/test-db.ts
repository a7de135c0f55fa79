import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../app/db.js';
import { migrateToLatest } from '../db/migrate.js';
import { withDatabase } from './global-setup.js';

/**
 * A fresh, migrated database for one test file: in-memory SQLite, or (with DATABASE_URL) a
 * PostgreSQL database cloned from the run's migrated template and dropped again on destroy.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | null }> {
  const url = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
  if (!url || !template) {
    const handle = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    await migrateToLatest(handle.db, 'sqlite');
    return { ...handle, url: null };
  }
  const name = `${template}_f${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const dbUrl = withDatabase(url, name);
  const handle = openDatabase({ dialect: 'postgres', url: dbUrl });
  return {
    ...handle,
    url: dbUrl,
    async destroy() {
      await handle.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        // FORCE ends our own leftover connections, but not an autovacuum worker that happens to be in
        // the database (another role's process: 42501). It finishes quickly: try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 50) throw err;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}
