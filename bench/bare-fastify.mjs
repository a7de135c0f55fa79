// The baseline for `npm run bench -- me`: a bare Fastify 5 server with one JSON route, run as its
// own process exactly like Portico (`node …`), so the ratio shows what Portico's own work costs.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/json', async () => ({ data: { hello: 'world', at: new Date().toISOString() } }));
await app.listen({ port: Number(process.env.PORT ?? 3199), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
