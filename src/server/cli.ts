#!/usr/bin/env node
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { ConfigError, loadConfig } from './app/config.js';
import { openDatabase } from './app/db.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from './db/seed-demo.js';
import { createStaffAdmin } from './modules/users/users.admin.js';

const USAGE = `Usage: portico <command> [options]

Commands:
  migrate                         apply pending database migrations
  seed --demo                     add the demo account and logins (refused when NODE_ENV=production)
  create-admin --email <email> [--name <name>]
                                  create the first staff administrator; the password is read from
                                  PORTICO_ADMIN_PASSWORD or asked for on the terminal

The database comes from DATABASE_URL (PostgreSQL) or DATA_DIR (SQLite), as for the server.`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PORTICO_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set PORTICO_ADMIN_PASSWORD or run on a terminal to type the password');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide the typed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes('Password')) process.stdout.write(s);
  };
  const password = await rl.question('Password (at least 12 characters): ');
  rl.close();
  process.stdout.write('\n');
  return password;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  const config = loadConfig();
  const handle = openDatabase(config.database);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateToLatest(handle.db, handle.dialect);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        return 0;
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
        if (!values.demo) throw new Error('Nothing to seed: pass --demo');
        if (config.env === 'production') throw new Error('Demo data is never seeded when NODE_ENV=production');
        await migrateToLatest(handle.db, handle.dialect);
        const seeded = await seedDemoData(handle.db, handle.dialect, { files: config.files });
        console.log(seeded ? `Demo data added. Logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.map((l) => l.email).join(', ')}` : 'The database already has users; nothing seeded.');
        return 0;
      }
      case 'create-admin': {
        const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } });
        if (!values.email) throw new Error('--email is required');
        await migrateToLatest(handle.db, handle.dialect);
        const password = await readPassword();
        const { user } = await createStaffAdmin({ db: handle.db, email: values.email, name: values.name ?? 'Administrator', password });
        console.log(`Staff administrator ${user.email} created (${user.id}).`);
        return 0;
      }
      default:
        console.error(`Unknown command: ${command}\n\n${USAGE}`);
        return 64;
    }
  } finally {
    await handle.destroy();
  }
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
