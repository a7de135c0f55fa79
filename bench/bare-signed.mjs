// The baseline for `npm run bench -- licensing`: a bare Fastify 5 route that parses the same JSON
// body and answers with a payload of the same size signed with Ed25519 per request, run as its own
// process like Portico. The ratio then shows what Portico adds: key lookup, activation check,
// rate-limit counters, writes of last seen and version.
import crypto from 'node:crypto';
import Fastify from 'fastify';

const { privateKey } = crypto.generateKeyPairSync('ed25519');
const app = Fastify({ logger: false });
app.post('/validate', async (req) => {
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
