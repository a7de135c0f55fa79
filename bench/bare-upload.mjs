// A baseline for `npm run bench -- uploads`: the least a Node server can do with an upload — a bare
// `node:http` server that hashes a PUT body with SHA-256 and writes it to a file — run as its own
// process like Portico. Against it, the ratio shows what tus, Fastify and Portico's bookkeeping cost;
// against `dd`, what Node, HTTP and the hash cost on this machine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.env.BARE_UPLOAD_DIR ?? '.';
const server = http.createServer(async (req, res) => {
  if (req.method === 'GET') return res.end('ok');
  const hash = crypto.createHash('sha256');
  req.on('data', (chunk) => hash.update(chunk));
  await pipeline(req, fs.createWriteStream(path.join(dir, 'bare-upload.bin')));
  res.end(hash.digest('hex'));
});
server.listen(Number(process.env.PORT ?? 3198), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
