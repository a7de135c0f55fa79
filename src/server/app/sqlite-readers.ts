import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Compilable } from 'kysely';
import type { Db } from './db.js';

/**
 * Read-only SQLite connections in worker threads, for the few heavy aggregate queries (reports over
 * an account's hundreds of thousands of activations). better-sqlite3 runs a query on the thread
 * that calls it: on the main thread a 100 ms aggregate stops every other request for 100 ms, and
 * the queries of one report run one after another. In workers they run beside the event loop and
 * beside each other (WAL lets readers work while the main connection writes). Each worker sees
 * what is committed when its query starts, which is what a report wants.
 *
 * Each reader keeps a 32 MiB page cache (SQLite's default 2 MiB re-read an account's activation
 * index pages from the OS on every report run: 16 % of its time); the main connection keeps the
 * default, so that an export walking every key does not grow the process by a cache's worth.
 *
 * Only for file databases; an in-memory database (tests) has no second connection to give, and
 * its queries stay on the main thread (`readAll` falls back to `execute`).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -32768');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 100) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(parameters) });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (err: Error) => void;
}

export interface SqliteReaders {
  all<R>(sql: string, parameters: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** A pool of `size` reader threads on `file`, started on first use. */
export function createSqliteReaders(file: string, size = 2): SqliteReaders {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const workers: { worker: Worker; busy: number }[] = [];
  const pending = new Map<number, Pending & { slot: { busy: number } }>();
  let nextId = 0;
  let closed = false;

  function start() {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
      const slot = { worker, busy: 0 };
      worker.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
        const p = pending.get(id);
        if (!p) return;
        pending.delete(id);
        p.slot.busy--;
        if (error) p.reject(Object.assign(new Error(error.message), { code: error.code }));
        else p.resolve(rows ?? []);
      });
      worker.on('error', (err) => {
        // A reader that died fails what it was given; the next query starts the pool anew.
        for (const [id, p] of pending) {
          if (p.slot !== slot) continue;
          pending.delete(id);
          p.reject(err);
        }
        const at = workers.indexOf(slot);
        if (at >= 0) workers.splice(at, 1);
      });
      // Idle readers must not keep the process alive.
      worker.unref();
      workers.push(slot);
    }
  }

  return {
    all<R>(sql: string, parameters: readonly unknown[]) {
      if (closed) return Promise.reject(new Error('the SQLite readers are closed'));
      if (workers.length < size) {
        for (const w of workers.splice(0)) void w.worker.terminate();
        start();
      }
      // The least busy reader takes it.
      const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      slot.busy++;
      const id = nextId++;
      return new Promise<R[]>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject, slot });
        slot.worker.postMessage({ id, sql, parameters });
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.splice(0).map((w) => w.worker.terminate()));
      for (const p of pending.values()) p.reject(new Error('the SQLite readers are closed'));
      pending.clear();
    },
  };
}

const readersOf = new WeakMap<Db, SqliteReaders>();

/** Gives `db`'s heavy reads to `readers` (openDatabase does this for SQLite files). */
export function attachReaders(db: Db, readers: SqliteReaders): void {
  readersOf.set(db, readers);
}

/**
 * Runs a read-only select off the main thread when `db` has readers, else as usual. Results come
 * as the driver returns them (no Kysely result plugins): meant for aggregates of numbers and text.
 */
export async function readAll<R>(db: Db, query: Compilable<R> & { execute(): Promise<R[]> }): Promise<R[]> {
  const readers = readersOf.get(db);
  if (!readers) return query.execute();
  const compiled = query.compile();
  return readers.all<R>(compiled.sql, compiled.parameters);
}
