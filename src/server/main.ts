import { type Config, ConfigError, loadConfig } from './app/config.js';
import { startRuntime } from './app/runtime.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from './db/seed-demo.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  const runtime = await startRuntime(config);
  const { app, worker } = runtime;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing open requests and the running job');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await runtime.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (config.role !== 'worker') await app.listen({ port: config.port, host: config.host });
  else await app.ready();
  worker?.start();

  const db = config.database.dialect === 'postgres' ? 'PostgreSQL' : `SQLite (${config.database.file})`;
  const lines = [`Portico is running at ${config.publicUrl}  (role: ${config.role}, database: ${db})`];
  if (config.demo) {
    lines.push('', 'Demo logins (password: ' + DEMO_PASSWORD + '):');
    for (const l of DEMO_LOGINS) lines.push(`  ${l.email.padEnd(30)} ${l.label}`);
  }
  if (!config.smtpUrl) lines.push('', 'No SMTP_URL: mails stay in the outbox (staff console → Postausgang).');
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err) => {
  console.error('Portico failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
