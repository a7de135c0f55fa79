// The baseline for `npm run bench -- licensing`: a bare Fastify 5 route that parses the same JSON
// body and answers with a payload of the same size signed with Ed25519 per request, run as its own
// process like Portico. The ratio then shows what Portico adds: key lookup, activation check,
// rate-limit counters, writes of last seen and version.
// With BARE_SQLITE_FILE or BARE_PG_URL it first does validate's two reads on that database — the
// key by its text and the machine's live activation — so that a second line shows what the
// database round trips alone cost here (on PostgreSQL its server shares the machine's cores).
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const KEY_SQL = 'select id, seats, status, maintenance_end from product_keys where license_key = ?';
const ACTIVATION_SQL = "select id, last_seen_at from activations where key_id = ? and fingerprint = ? and status = 'active'";
let lookup = async () => {};
if (process.env.BARE_PG_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BARE_PG_URL, max: 10 });
  const named = (name, text) => ({ name, text: text.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()) });
  const keyQuery = named('bare_key', KEY_SQL);
  const activationQuery = named('bare_activation', ACTIVATION_SQL);
  lookup = async (body) => {
    const key = (await pool.query({ ...keyQuery, values: [body.key] })).rows[0];
    if (key) await pool.query({ ...activationQuery, values: [key.id, body.fingerprint] });
  };
} else if (process.env.BARE_SQLITE_FILE) {
  const db = new Database(process.env.BARE_SQLITE_FILE, { readonly: true });
  const keyStatement = db.prepare(KEY_SQL);
  const activationStatement = db.prepare(ACTIVATION_SQL);
  lookup = async (body) => {
    const key = keyStatement.get(body.key);
    if (key) activationStatement.get(key.id, body.fingerprint);
  };
}

const { privateKey } = crypto.generateKeyPairSync('ed25519');
const app = Fastify({ logger: false });
app.post('/validate', async (req) => {
  await lookup(req.body);
  const payload = {
    v: 1, kid: '0123456789abcdef', keyId: 'key_benchbenchbenchbenchbenchbe', product: 'bench-product', productName: 'Bench Product', edition: null,
    fingerprint: req.body.fingerprint, seats: 20, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    maintenanceEnd: new Date().toISOString(), method: 'online',
  };
  const body = `PL1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const certificate = `${body}.${crypto.sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
  return {
    data: {
      certificate,
      license: { status: 'active', product: 'Bench Product', edition: null, seats: 20, validUntil: null, maintenance: { end: payload.maintenanceEnd, status: 'active' } },
    },
  };
});
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 3198), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
