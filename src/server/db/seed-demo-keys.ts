import type { Db } from '../app/db.js';
import { newId } from '../app/ids.js';
import { generateLicenseKey } from '../modules/keys/key-format.js';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

interface DemoActivation {
  host: string;
  os: string;
  version: string;
  from: number;
  to?: number;
  how?: 'software' | 'portal_release' | 'offline';
  method?: 'online' | 'offline';
}

interface DemoKey {
  product: string;
  edition?: string;
  seats: number;
  group?: string;
  maintenanceDays: number | null;
  term?: 'perpetual' | 'subscription';
  assigned?: { name: string; email: string; userId?: string };
  activations?: DemoActivation[];
}

/**
 * Products, editions, key groups and keys in every maintenance state, assigned and unassigned, with
 * registration histories over several versions, so the Product Keys area works at once in the demo.
 */
export async function seedDemoKeys(
  trx: Db,
  { accountId, otherAccountId, keyManagerMembershipId, member, keyManager }: {
    accountId: string;
    otherAccountId: string;
    keyManagerMembershipId: string;
    member: { id: string; name: string; email: string };
    keyManager: { id: string; name: string; email: string };
  },
) {
  const now = new Date().toISOString();
  const products: Record<string, { id: string; editions: Record<string, string> }> = {};
  for (const p of [
    { code: 'analytics-desktop', name: 'Beispiel Analytics Desktop', latest: '2026.3', editions: [['creator', 'Creator'], ['explorer', 'Explorer']] },
    { code: 'analytics-server', name: 'Beispiel Analytics Server', latest: '2026.3', editions: [['standard', 'Standard'], ['enterprise', 'Enterprise']] },
    { code: 'prep', name: 'Beispiel Prep', latest: '2026.2', editions: [] },
  ]) {
    const id = newId('prd');
    await trx.insertInto('products').values({ id, code: p.code, name: p.name, latest_version: p.latest, created_at: now, updated_at: now }).execute();
    const editions: Record<string, string> = {};
    for (const [code, name] of p.editions as [string, string][]) {
      editions[code] = newId('edn');
      await trx.insertInto('editions').values({ id: editions[code], product_id: id, code, name, created_at: now }).execute();
    }
    products[p.code] = { id, editions };
  }

  const groups: Record<string, string> = {};
  for (const name of ['Zentrale Berlin', 'Niederlassung München', 'Vertrieb']) {
    groups[name] = newId('kgr');
    await trx.insertInto('key_groups').values({ id: groups[name], account_id: accountId, name, created_at: now, updated_at: now }).execute();
  }
  await trx.insertInto('membership_key_groups').values({ membership_id: keyManagerMembershipId, key_group_id: groups['Zentrale Berlin'] as string }).execute();

  const jonas = { name: 'Jonas Weber', email: 'jonas.weber@beispiel.example' };
  const keys: (DemoKey & { account: string })[] = [
    {
      account: accountId, product: 'analytics-desktop', edition: 'creator', seats: 5, group: 'Zentrale Berlin', maintenanceDays: 400,
      assigned: { ...member, userId: member.id },
      activations: [
        { host: 'NB-MIA-01', os: 'Windows 11 Pro 23H2', version: '2025.4', from: -300, to: -120, how: 'software' },
        { host: 'NB-MIA-02', os: 'Windows 11 Pro 24H2', version: '2026.1', from: -120 },
        { host: 'MAC-MIA', os: 'macOS 15.2', version: '2026.3', from: -20 },
      ],
    },
    {
      account: accountId, product: 'analytics-desktop', edition: 'creator', seats: 2, group: 'Zentrale Berlin', maintenanceDays: 45, assigned: jonas,
      activations: [
        { host: 'WS-JW-11', os: 'Windows 10 Enterprise 22H2', version: '2025.2', from: -500 },
        { host: 'WS-JW-12', os: 'Windows 11 Enterprise', version: '2025.4', from: -200 },
        { host: 'WS-JW-OLD', os: 'Windows 10 Pro', version: '2024.3', from: -700, to: -500, how: 'portal_release' },
      ],
    },
    {
      account: accountId, product: 'analytics-desktop', edition: 'explorer', seats: 10, group: 'Niederlassung München', maintenanceDays: -30,
      activations: [
        { host: 'MUC-PC-01', os: 'Windows 10 Pro', version: '2024.2', from: -800 },
        { host: 'MUC-PC-02', os: 'Windows 10 Pro', version: '2024.2', from: -790 },
        { host: 'MUC-PC-03', os: 'Ubuntu 22.04', version: '2024.4', from: -400, method: 'offline' },
        { host: 'MUC-PC-04', os: 'Windows 11 Pro', version: '2025.1', from: -350, to: -100, how: 'offline', method: 'offline' },
      ],
    },
    { account: accountId, product: 'analytics-server', edition: 'enterprise', seats: 1, maintenanceDays: 200 },
    {
      account: accountId, product: 'analytics-server', edition: 'standard', seats: 2, group: 'Vertrieb', maintenanceDays: 300, term: 'subscription',
      assigned: { ...keyManager, userId: keyManager.id },
      activations: [{ host: 'srv-analytics-01', os: 'Debian 12', version: '2026.2', from: -60 }],
    },
    { account: accountId, product: 'prep', seats: 3, group: 'Zentrale Berlin', maintenanceDays: 80 },
    ...['Lena Fischer', 'Paul Becker', null, null].map((name, i): DemoKey & { account: string } => ({
      account: accountId, product: 'analytics-desktop', edition: 'explorer', seats: 1, group: 'Niederlassung München', maintenanceDays: 365,
      ...(name ? { assigned: { name, email: `${name.split(' ')[0]!.toLowerCase()}@beispiel.example` } } : {}),
      ...(i === 0 ? { activations: [{ host: 'MUC-LF', os: 'macOS 14.6', version: '2026.3', from: -10 }] } : {}),
    })),
    { account: otherAccountId, product: 'analytics-desktop', edition: 'creator', seats: 3, maintenanceDays: 150, activations: [{ host: 'NL-01', os: 'Windows 11', version: '2026.1', from: -90 }] },
    { account: otherAccountId, product: 'prep', seats: 1, maintenanceDays: -200 },
  ];

  for (const [i, k] of keys.entries()) {
    const id = newId('key');
    const product = products[k.product]!;
    const live = (k.activations ?? []).filter((a) => a.to === undefined);
    const newest = (k.activations ?? []).reduce<DemoActivation | null>((best, a) => (!best || a.from > best.from ? a : best), null);
    const created = at(-900 + i);
    await trx
      .insertInto('product_keys')
      .values({
        id, account_id: k.account, key_group_id: k.group ? (groups[k.group] ?? null) : null, product_id: product.id, edition_id: k.edition ? (product.editions[k.edition] ?? null) : null,
        license_key: generateLicenseKey(), seats: k.seats, term: k.term ?? 'perpetual', valid_until: k.term === 'subscription' ? at(k.maintenanceDays ?? 365) : null,
        maintenance_start: at((k.maintenanceDays ?? 0) - 365), maintenance_end: k.maintenanceDays === null ? null : at(k.maintenanceDays), status: 'active',
        assigned_name: k.assigned?.name ?? null, assigned_email: k.assigned?.email ?? null, assigned_user_id: k.assigned?.userId ?? null,
        last_used_version: newest?.version ?? null, last_seen_at: live.length ? at(-Math.random() * 3) : null, version: 1, created_at: created, updated_at: created,
      })
      .execute();
    for (const a of k.activations ?? []) {
      await trx
        .insertInto('activations')
        .values({
          id: newId('act'), key_id: id, fingerprint: `demo${i}${a.host.toLowerCase().replace(/[^a-z0-9]/g, '')}`.padEnd(16, '0'), hostname: a.host, os: a.os, software_version: a.version,
          method: a.method ?? 'online', status: a.to === undefined ? 'active' : 'deactivated', activated_at: at(a.from), activated_by_user_id: null,
          last_seen_at: a.to === undefined ? at(-Math.random() * 3) : at(a.to), deactivated_at: a.to === undefined ? null : at(a.to), deactivation: a.to === undefined ? null : (a.how ?? 'software'),
          deactivated_by_user_id: null,
        })
        .execute();
    }
  }
}
