import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../app/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../app/audit.js';
import { nextCounterValue } from '../app/counters.js';
import { openDatabase } from '../app/db.js';
import { createUsersRepository } from '../modules/users/users.repository.js';
import { createStaffAdmin } from '../modules/users/users.admin.js';
import { verifyPassword } from '../modules/auth/password.js';
import { buildAccount, buildActivation, buildKey } from '../test-support/factories.js';
import { createTestDatabase } from '../test-support/test-db.js';
import { migrateToLatest } from './migrate.js';
import { DEMO_ACCOUNT_NAME, DEMO_LOGINS, seedDemoData } from './seed-demo.js';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.destroy());

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(handle.db, handle.dialect)).toEqual([]);
  });
});

describe('activations', () => {
  it("carry their key's account, set by the database on insert (reports read an account's machines by it)", async () => {
    const [a, b] = [await buildAccount(handle.db), await buildAccount(handle.db)];
    const keyA = await buildKey(handle.db, { accountId: a.id });
    const keyB = await buildKey(handle.db, { accountId: b.id });
    const [x, y] = [await buildActivation(handle.db, keyA.keyId), await buildActivation(handle.db, keyB.keyId)];
    const rows = await handle.db.selectFrom('activations').select(['id', 'account_id']).where('id', 'in', [x.activationId, y.activationId]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.account_id]))).toEqual({ [x.activationId]: a.id, [y.activationId]: b.id });
  });
});

describe('audit events', () => {
  it('are append-only: the database refuses updates and deletes', async () => {
    await recordAuditEvent(handle.db, { accountId: null, actorUserId: null, action: 'test.event' });
    await expect(handle.db.updateTable('audit_events').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
  });

  it('vanish with the change when the transaction fails', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, { accountId: null, actorUserId: null, action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const found = await handle.db.selectFrom('audit_events').select('id').where('action', '=', 'test.rolled_back').execute();
    expect(found).toHaveLength(0);
  });
});

describe('counters', () => {
  it('hand out unique consecutive numbers under concurrent transactions', async () => {
    const values = await Promise.all(
      Array.from({ length: 25 }, () => handle.db.transaction().execute((trx) => nextCounterValue(trx, 'race', 1000))),
    );
    expect(new Set(values).size).toBe(25);
    expect(Math.min(...values)).toBe(1001);
    expect(Math.max(...values)).toBe(1025);
  });
});

describe('users', () => {
  it('keep emails unique regardless of case', async () => {
    const users = createUsersRepository({ db: handle.db });
    await users.insertUser({ email: 'Unique@Example.test', name: 'A', passwordHash: null, kind: 'customer' });
    await expect(users.insertUser({ email: 'unique@example.TEST', name: 'B', passwordHash: null, kind: 'customer' })).rejects.toThrow();
  });

  it('create-admin makes a staff admin with an argon2id hash and refuses short passwords and duplicates', async () => {
    await expect(createStaffAdmin({ db: handle.db, email: 'root@portico.test', name: 'Root', password: 'short' })).rejects.toMatchObject({ code: 'user.password_too_short' });
    const { user } = await createStaffAdmin({ db: handle.db, email: 'Root@Portico.test', name: 'Root', password: 'a perfectly long passphrase' });
    expect(user).toMatchObject({ kind: 'staff', staffRole: 'admin', email: 'root@portico.test' });
    const creds = await createUsersRepository({ db: handle.db }).findCredentialsByEmail('root@portico.test');
    expect(creds?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(creds!.passwordHash, 'a perfectly long passphrase')).toBe(true);
    await expect(createStaffAdmin({ db: handle.db, email: 'root@portico.test', name: 'Root', password: 'another long passphrase' })).rejects.toMatchObject({ code: 'user.email_taken' });
  });
});

describe('demo data', () => {
  it('seeds the demo account with one login per role, once', async () => {
    const fresh = await createTestDatabase();
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-demo-files-'));
    const { files } = loadConfig({ FILES_DIR: filesDir });
    try {
      expect(await seedDemoData(fresh.db, fresh.dialect, { files })).toBe(true);
      expect(await seedDemoData(fresh.db, fresh.dialect, { files })).toBe(false);
      const account = await fresh.db.selectFrom('accounts').selectAll().where('name', '=', DEMO_ACCOUNT_NAME).executeTakeFirstOrThrow();
      const users = createUsersRepository({ db: fresh.db });
      for (const login of DEMO_LOGINS) {
        const found = await users.findCredentialsByEmail(login.email);
        expect(found?.user.kind).toBe(login.kind);
        expect(await verifyPassword(found!.passwordHash, 'portico-demo')).toBe(true);
        if (login.kind === 'customer') {
          const memberships = await users.listMembershipsOfUser(found!.user.id);
          expect(memberships[0]).toMatchObject({ accountId: account.id, role: login.role });
        }
      }
      // Cases of both types in every status, with a support reply, an internal note and a searchable index.
      const cases = await fresh.db.selectFrom('cases').select(['type', 'status', 'account_id']).where('account_id', '=', account.id).execute();
      expect(new Set(cases.map((c) => c.type))).toEqual(new Set(['technical', 'customer_service']));
      expect(new Set(cases.map((c) => c.status))).toEqual(new Set(['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed']));
      const comments = await fresh.db.selectFrom('case_comments').select(['visibility', 'author_kind']).execute();
      expect(comments.some((c) => c.visibility === 'internal')).toBe(true);
      expect(comments.some((c) => c.visibility === 'public' && c.author_kind === 'staff')).toBe(true);
      // Invoices in every tab: scheduled, open, overdue, partly paid, paid, void — the void one is the case's INV-…-000117.
      const invoices = await fresh.db.selectFrom('invoices').select(['number', 'status', 'scheduled', 'due_date', 'amount_paid', 'total']).where('account_id', '=', account.id).execute();
      const today = new Date().toISOString().slice(0, 10);
      expect(invoices.filter((i) => i.status === 'draft' && i.scheduled)).toHaveLength(2);
      expect(invoices.filter((i) => i.status === 'open' && i.due_date < today)).toHaveLength(1);
      expect(invoices.filter((i) => i.status === 'open' && Number(i.amount_paid) > 0 && Number(i.amount_paid) < Number(i.total))).toHaveLength(1);
      expect(invoices.filter((i) => i.status === 'paid').every((i) => Number(i.amount_paid) === Number(i.total))).toBe(true);
      expect(invoices.find((i) => i.status === 'void')?.number).toMatch(/^INV-\d{4}-000117$/);
      expect(account.billing_contact_email).toBe('admin@beispiel.example');
      expect(account.vat_id).toBe('DE123456789');
      // Releases over several versions and channels, each file really in storage with its true SHA-256.
      const releases = await fresh.db.selectFrom('releases').select(['id', 'channel', 'published_at']).execute();
      expect(new Set(releases.map((r) => r.channel))).toEqual(new Set(['stable', 'preview', 'lts']));
      const artifacts = await fresh.db.selectFrom('release_artifacts').select(['storage_key', 'sha256', 'size']).execute();
      expect(artifacts.length).toBeGreaterThan(30);
      for (const a of artifacts) {
        const bytes = fs.readFileSync(path.join(filesDir, a.storage_key));
        expect(bytes.length).toBe(Number(a.size));
        expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256);
      }
      // Nordlicht's Prep maintenance ended before the newer Prep releases: the demo shows "not covered".
      const prep = await fresh.db
        .selectFrom('product_keys as k')
        .innerJoin('products as p', 'p.id', 'k.product_id')
        .innerJoin('accounts as a', 'a.id', 'k.account_id')
        .select(['k.maintenance_end', 'p.id as product_id'])
        .where('p.code', '=', 'prep')
        .where('a.name', '=', 'Nordlicht Software AG')
        .executeTakeFirstOrThrow();
      const prepReleases = await fresh.db.selectFrom('releases').select('published_at').where('product_id', '=', prep.product_id).execute();
      expect(prepReleases.some((r) => r.published_at! > prep.maintenance_end!)).toBe(true);
      expect(prepReleases.some((r) => r.published_at! < prep.maintenance_end!)).toBe(true);
    } finally {
      await fresh.destroy();
      fs.rmSync(filesDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('PostgreSQL connection loss', () => {
  it('survives the server dropping every connection: the pool reconnects', async () => {
    const errors: Error[] = [];
    const own = openDatabase({ dialect: 'postgres', url: handle.url! }, { onPoolError: (e) => errors.push(e), poolSize: 3 });
    try {
      await sql`select 1`.execute(own.db);
      // Kill this database's other backends, as a server restart would.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(handle.db);
      await new Promise((r) => setTimeout(r, 200));
      let ok = false;
      for (let i = 0; i < 3 && !ok; i++) {
        ok = await sql`select 1 as one`.execute(own.db).then(() => true, () => false);
      }
      expect(ok).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await own.destroy();
    }
  });
});
