// Data generator for the licensing and key-list benches: N product keys over many accounts (one
// "big" account with its own share), M activations spread over them, on SQLite or PostgreSQL.
// Usage: tsx bench/generate-keys.ts [--keys 100000] [--activations 1000000] [--big 20000]
//        (DATABASE_URL=postgres://… for PostgreSQL, else DATA_DIR/portico.sqlite)
import { type Kysely, sql } from 'kysely';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/app/config.js';
import { openDatabase } from '../src/server/app/db.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { Database } from '../src/server/db/schema.js';
import { generateLicenseKey } from '../src/server/modules/keys/key-format.js';
import { hashPassword } from '../src/server/modules/auth/password.js';

/** The account that holds `bigAccountKeys` of the keys (the key list bench signs in to it). */
export const BENCH_BIG_ACCOUNT = 'acc_bench000000';

export const BENCH_ADMIN = { email: 'bench-admin@bench.example', password: 'bench-password-1234' };

export interface GeneratedData {
  /** (key, fingerprint) pairs with a live activation, for validate requests. */
  samples: { key: string; fingerprint: string }[];
  bigAccountId: string;
  keys: number;
  activations: number;
  seconds: number;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function generateKeysData({
  database,
  keys = 100_000,
  activations = 1_000_000,
  bigAccountKeys = 20_000,
  log = console.log,
}: {
  database: ReturnType<typeof loadConfig>['database'];
  keys?: number;
  activations?: number;
  bigAccountKeys?: number;
  log?: (s: string) => void;
}): Promise<GeneratedData> {
  const started = performance.now();
  const { db, dialect, destroy } = openDatabase(database, { poolSize: 4 });
  await migrateToLatest(db, dialect);
  const now = Date.now();
  const stamp = iso(now);
  const accounts = Math.max(1, Math.ceil((keys - bigAccountKeys) / 200));
  const accountIds = Array.from({ length: accounts + 1 }, (_, i) => `acc_bench${String(i).padStart(6, '0')}`);
  const bigAccountId = BENCH_BIG_ACCOUNT;
  await db.insertInto('accounts').values(accountIds.map((id, i) => ({ id, number: String(900000 + i), name: i === 0 ? 'Bench Big GmbH' : `Bench ${i}`, status: 'active' as const, currency: 'EUR', locale: 'de', created_at: stamp, updated_at: stamp }))).execute();
  await db.insertInto('users').values({
    id: 'usr_benchadmin', email: BENCH_ADMIN.email, name: 'Bench Admin', locale: 'de', password_hash: await hashPassword(BENCH_ADMIN.password), status: 'active', kind: 'customer',
    staff_role: null, last_login_at: null, created_at: stamp, updated_at: stamp,
  }).execute();
  await db.insertInto('memberships').values({ id: 'mem_benchadmin', account_id: bigAccountId, user_id: 'usr_benchadmin', role: 'admin', case_admin: false, billing: false, downloads: false, created_at: stamp, updated_at: stamp }).execute();
  await db.insertInto('products').values({ id: 'prd_bench', code: 'bench-product', name: 'Bench Product', latest_version: '2026.3', created_at: stamp, updated_at: stamp }).execute();
  await insertBenchReleases(db, now);

  const keyRows: { id: string; key: string; account: string }[] = [];
  const batch = 500;
  for (let i = 0; i < keys; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(keys, i + batch); j++) {
      const id = `key_bench${String(j).padStart(8, '0')}`;
      const key = generateLicenseKey();
      const account = j < bigAccountKeys ? bigAccountId : (accountIds[1 + ((j - bigAccountKeys) % accounts)] as string);
      keyRows.push({ id, key, account });
      rows.push({
        id, account_id: account, key_group_id: null, product_id: 'prd_bench', edition_id: null, license_key: key, seats: 20, term: 'perpetual' as const, valid_until: null,
        maintenance_start: iso(now - 200 * DAY), maintenance_end: iso(now + ((j % 700) - 200) * DAY), status: 'active' as const,
        assigned_name: j % 3 ? `User ${j}` : null, assigned_email: j % 3 ? `user${j}@bench.example` : null, assigned_user_id: null,
        last_used_version: '2026.1', last_seen_at: stamp, version: 1, created_at: iso(now - j * 1000), updated_at: stamp,
      });
    }
    await db.insertInto('product_keys').values(rows).execute();
  }
  log(`  ${keys} keys in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const samples: GeneratedData['samples'] = [];
  for (let i = 0; i < activations; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(activations, i + batch); j++) {
      const k = keyRows[j % keys] as { id: string; key: string; account: string };
      const live = Math.floor(j / keys) % 10 < 4;
      const fingerprint = `bench-fp-${j}`;
      if (live && samples.length < 5000 && j % 7 === 0) samples.push({ key: k.key, fingerprint });
      // Activated over the last 900 days; a machine taken off again went 1–400 days later; a live
      // one was last seen within the last 36 days (a sixth of them over 30 days ago: stale).
      const activatedAt = now - (j % 900) * DAY;
      const deactivatedAt = Math.min(now - 3_600_000, activatedAt + (1 + ((j * 7919) % 400)) * DAY);
      rows.push({
        // The key's account, as the insert trigger would set it (SQLite's trigger then skips its update).
        id: `act_bench${String(j).padStart(9, '0')}`, key_id: k.id, account_id: k.account, fingerprint, hostname: `host-${j}`, os: 'Windows 11', software_version: `2025.${j % 4}`, method: 'online' as const,
        status: live ? ('active' as const) : ('deactivated' as const), activated_at: iso(activatedAt), activated_by_user_id: null,
        last_seen_at: live ? iso(now - ((j * 31) % 36) * DAY - 60_000) : iso(deactivatedAt),
        deactivated_at: live ? null : iso(deactivatedAt), deactivation: live ? null : ('software' as const), deactivated_by_user_id: null,
      });
    }
    await db.insertInto('activations').values(rows).execute();
  }
  // What autovacuum would have gathered a minute later: without statistics PostgreSQL plans the
  // freshly loaded tables as if they were empty.
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  await destroy();
  const seconds = (performance.now() - started) / 1000;
  log(`  ${activations} activations; total ${seconds.toFixed(1)} s`);
  return { samples, bigAccountId, keys, activations, seconds };
}

if (process.argv[1]?.endsWith('generate-keys.ts')) {
  const { values } = parseArgs({ options: { keys: { type: 'string' }, activations: { type: 'string' }, big: { type: 'string' } } });
  const config = loadConfig();
  await generateKeysData({
    database: config.database,
    keys: Number(values.keys ?? 100_000),
    activations: Number(values.activations ?? 1_000_000),
    bigAccountKeys: Number(values.big ?? 20_000),
  });
}

/**
 * The product's release history, as a vendor has one: stable releases every quarter (the keys last
 * ran 2026.1, so the key list works out "2 versions behind" and the file for each key's OS), an
 * LTS and a beta; files for the newer ones. The files themselves are not needed.
 */
export async function insertBenchReleases(db: Kysely<Database>, now: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const versions = [
    ['2025.1', 'stable', 600], ['2025.2', 'stable', 510], ['2025.3', 'lts', 420], ['2025.4', 'stable', 330],
    ['2026.1', 'stable', 240], ['2026.2', 'stable', 150], ['2026.3', 'stable', 60], ['2026.4', 'preview', 10],
  ] as const;
  await db.insertInto('releases').values(versions.map(([version, channel, daysAgo]) => ({
    id: `rel_bench_${version.replace('.', '_')}`, product_id: 'prd_bench', version, channel, notes: `Bench Product ${version}: fixes and improvements.`,
    published_at: iso(now - daysAgo * DAY), created_by_user_id: null, created_at: iso(now - daysAgo * DAY), updated_at: iso(now - daysAgo * DAY),
  }))).execute();
  const files = [['windows', 'x64', 'exe'], ['linux', 'x64', 'tar.gz'], ['macos', 'arm64', 'dmg']] as const;
  await db.insertInto('release_artifacts').values(versions.slice(4).flatMap(([version, , daysAgo]) => files.map(([platform, arch, ext]) => ({
    id: `art_bench_${version.replace('.', '_')}_${platform}`, release_id: `rel_bench_${version.replace('.', '_')}`, platform, arch, file_name: `bench-product-${version}-${platform}-${arch}.${ext}`,
    size: 734_003_200, sha256: 'ab'.repeat(32), storage: 'local' as const, storage_key: `releases/bench/${version}/${platform}`, signature_file_name: null, signature_storage_key: null,
    signature_size: null, signature_sha256: null, upload_id: null, uploader_user_id: null, created_at: iso(now - daysAgo * DAY),
  })))).execute();
}
