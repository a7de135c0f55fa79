import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db, Dialect } from './db.js';

type Scalar = string | number | boolean | null;
export type Param = Scalar | readonly Scalar[];
export type Shape = Record<string, string | number | boolean | null | undefined>;

interface Compiled {
  sql: string;
  query: CompiledQuery['query'];
  /** Per parameter: the name (and index, for list parameters) of a caller value, or a constant. */
  slots: ({ name: string; index: number | null } | { value: unknown })[];
}

const MARK = '\u0000p\u0000';

/** The dialect a Kysely instance speaks, from its adapter. */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

/**
 * The SQL texts of prepared queries on PostgreSQL, with a statement name each: the pool (app/db.ts)
 * runs them as named statements, so each connection parses and plans them once, not per call
 * (planning a list query costs more than running it).
 */
export const pgStatementNames = new Map<string, string>();
const MAX_SHAPES = 200;

/**
 * A query built once per shape and run many times with new values. Kysely's builder and compiler
 * cost more per call (a few hundred µs for a list with joins) than SQLite needs to run the
 * query, so hot paths (the session lookup, the licensing API, the lists) build it once.
 *
 * `build` receives placeholders instead of values: it must pass them to Kysely as values (where,
 * limit, sql`${…}`) and never compute with them. What changes the SQL itself (a view, which
 * filters are set, a sort) goes in `shape`, which `build` may branch on and which keys the cache;
 * the length of each list parameter is part of the key too.
 *
 * `planEachCall(shape)` keeps a shape off the named statements on PostgreSQL. After five runs of a
 * named statement PostgreSQL may switch to a generic plan, made without the values; for a filter
 * whose selectivity depends on them (an account with a fifth of all keys, a search that matches
 * two thirds of them) that plan can be far worse: the key list filtered and searched took 63 ms
 * with the generic plan against 3.7 with a plan for the values.
 */
export function prepared<P extends Record<string, Param>, R, S extends Shape = Shape>(
  build: (db: Db, p: { [K in keyof P]: P[K] }, shape: S, dialect: Dialect) => Compilable<R>,
  { planEachCall }: { planEachCall?: (shape: S) => boolean } = {},
) {
  const byDialect = new Map<unknown, Map<string, Compiled>>();

  function compiledFor(db: Db, params: P, shape: S): { compiled: Compiled; sqlite: boolean } {
    const adapter = db.getExecutor().adapter.constructor;
    const sqlite = dialectOf(db) === 'sqlite';
    let cache = byDialect.get(adapter);
    if (!cache) {
      cache = new Map();
      byDialect.set(adapter, cache);
    }
    const lengths = Object.entries(params)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => `${k}:${(v as Scalar[]).length}`)
      .join(',');
    const key = `${JSON.stringify(shape)}|${lengths}`;
    let compiled = cache.get(key);
    if (!compiled) {
      const placeholders = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map((_, i) => `${MARK}${k}\u0000${i}`) : `${MARK}${k}`]),
      ) as unknown as P;
      const c = build(db, placeholders, shape, sqlite ? 'sqlite' : 'postgres').compile();
      if (c.sql.includes(MARK)) throw new Error('prepared(): a placeholder was written into the SQL text; pass it as a value');
      compiled = {
        sql: c.sql,
        query: c.query,
        slots: c.parameters.map((v) => {
          if (typeof v !== 'string' || !v.startsWith(MARK)) return { value: v };
          const [name, index] = v.slice(MARK.length).split('\u0000') as [string, string | undefined];
          return { name, index: index === undefined ? null : Number(index) };
        }),
      };
      if (cache.size >= MAX_SHAPES) cache.clear();
      cache.set(key, compiled);
      if (!sqlite && !planEachCall?.(shape) && !pgStatementNames.has(compiled.sql) && pgStatementNames.size < 2000) {
        pgStatementNames.set(compiled.sql, `portico_${pgStatementNames.size + 1}`);
      }
    }
    return { compiled, sqlite };
  }

  async function run(db: Db, params: P, shape: S = {} as S): Promise<QueryResult<R>> {
    const { compiled, sqlite } = compiledFor(db, params, shape);
    const parameters = compiled.slots.map((s) => {
      if ('value' in s) return s.value;
      const v = s.index === null ? params[s.name] : (params[s.name] as Scalar[])[s.index];
      // better-sqlite3 binds no booleans (the SqliteBooleanPlugin does this for built queries).
      return sqlite && typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    return (await db.executeQuery({ sql: compiled.sql, query: compiled.query, parameters, queryId: { queryId: 'prepared' } } as CompiledQuery<R>)) as QueryResult<R>;
  }

  return {
    /** The rows, for a select or a write with `returning`. */
    async execute(db: Db, params: P, shape?: S): Promise<R[]> {
      return (await run(db, params, shape)).rows;
    },
    async executeTakeFirst(db: Db, params: P, shape?: S): Promise<R | undefined> {
      return (await run(db, params, shape)).rows[0];
    },
    /** How many rows a write changed. */
    async executeWrite(db: Db, params: P, shape?: S): Promise<number> {
      return Number((await run(db, params, shape)).numAffectedRows ?? 0);
    },
  };
}
