import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import type { Config } from './config.js';
import { SqliteBooleanPlugin } from './sqlite-booleans.js';
import { pgStatementNames } from './prepared.js';
import { FifoSqliteDialect } from './sqlite-driver.js';
import { attachReaders, createSqliteReaders } from './sqlite-readers.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  destroy: () => Promise<void>;
}

// PostgreSQL type ids whose default parsing differs from SQLite's answers.
const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;

/** One representation of time at the repository edge: ISO-8601 UTC text, on both dialects. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return (v: string) => Number(v);
    if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return (v: string) => new Date(v).toISOString();
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface OpenDatabaseOptions {
  onPoolError?: (err: Error) => void;
  poolSize?: number;
}

/** Opens the configured database: a SQLite file (embedded default) or a PostgreSQL pool. */
export function openDatabase(
  database: Config['database'],
  { onPoolError, poolSize = 10 }: OpenDatabaseOptions = {},
): DatabaseHandle {
  if (database.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: poolSize, types: pgTypes });
    // An idle client losing its server (restart, failover) emits here; without a listener the
    // process would die. The pool replaces the client on the next checkout.
    pool.on('error', (err) => onPoolError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new SqliteBooleanPlugin()] });
  if (database.file === ':memory:') return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  const readers = createSqliteReaders(database.file);
  attachReaders(db, readers);
  return {
    db,
    dialect: 'sqlite',
    destroy: async () => {
      await readers.close();
      await db.destroy();
    },
  };
}

/**
 * Runs the SQL of prepared queries (app/prepared.ts) as named statements: pg then parses and plans
 * each once per connection. Everything else goes through unchanged.
 */
function withNamedStatements(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool);
  const patched = new WeakSet<pg.PoolClient>();
  // Kysely calls connect() without a callback and awaits the client.
  pool.connect = (async () => {
    const client = await connect();
    if (!patched.has(client)) {
      patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((text: unknown, values?: unknown) => {
        const name = typeof text === 'string' ? pgStatementNames.get(text) : undefined;
        return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
      }) as typeof client.query;
    }
    return client;
  }) as typeof pool.connect;
  return pool;
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * simple indexed query. Reuse prepared statements by SQL text (the driver runs one query at a time
 * per connection, so a statement is never in use twice).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      if (cache.size >= 1000) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export const toBool = (v: boolean | number | null | undefined): boolean => v === true || v === 1;

export function parseJson(v: unknown): Record<string, unknown> {
  if (v == null) return {};
  if (typeof v === 'string') return JSON.parse(v) as Record<string, unknown>;
  return v as Record<string, unknown>;
}

export const nowIso = (): string => new Date().toISOString();


/** A UNIQUE (or primary key) constraint refused the write, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Serialises transactions that check an account-wide invariant ("at least one admin") before they
 * write: a row lock on PostgreSQL; SQLite already runs one writer at a time.
 */
export async function lockAccountRow(db: Db, dialect: Dialect, accountId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(db);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (Kysely has no nesting). */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
