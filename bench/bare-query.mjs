// A second baseline: bare Fastify running one list query of Portico's (the same SQL, the same
// indexes, the same database) and returning its rows as JSON — no session, no checks, no schema.
// What the database engine and Node alone reach for that page on this machine; Portico's ratio to
// it is what the rest of Portico costs. BARE_SQL with `?` placeholders, BARE_PARAMS (JSON array),
// and BARE_SQLITE_FILE or BARE_PG_URL.
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const text = process.env.BARE_SQL ?? 'select 1';
const params = JSON.parse(process.env.BARE_PARAMS ?? '[]');
let query;
if (process.env.BARE_PG_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BARE_PG_URL, max: 10 });
  let n = 0;
  const named = { name: 'bare_query', text: text.replace(/\?/g, () => `$${++n}`), values: params };
  query = async () => (await pool.query(named)).rows;
} else {
  const db = new Database(process.env.BARE_SQLITE_FILE, { readonly: true });
  const statement = db.prepare(text);
  query = async () => statement.all(...params);
}

const app = Fastify({ logger: false });
app.get('/json', async () => ({ data: await query() }));
await app.listen({ port: Number(process.env.PORT ?? 3196), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
