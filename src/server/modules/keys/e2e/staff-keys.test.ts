import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildKey, buildKeyGroup, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
let staffAdmin: string;
beforeAll(async () => {
  t = await createTestApp();
  staffAdmin = await loginAs(t, (await buildStaff(t.db, { staffRole: 'admin' })).user);
});
afterAll(() => t.close());

const DAY = 86_400_000;
const actions = async (accountId: string) =>
  (await t.db.selectFrom('audit_events').select('action').where('account_id', '=', accountId).orderBy('at').execute()).map((e) => e.action);

describe('staff issue keys', () => {
  it('issues keys with edition, seats, maintenance and key group; the customer admin sees them; audited in the account', async () => {
    const { user: admin, account } = await buildMember(t.db, { role: 'admin' });
    const { productId, editionId } = await buildProduct(t.db, { name: 'Analytics Server' });
    const group = await buildKeyGroup(t.db, account.id, 'Rechenzentrum');
    const start = new Date(Date.now() - DAY).toISOString();
    const end = new Date(Date.now() + 365 * DAY).toISOString();
    const res = await t.request({
      method: 'POST', url: '/api/v1/staff/keys', cookie: staffAdmin,
      payload: { accountId: account.id, productId, editionId, count: 2, seats: 5, term: 'perpetual', maintenanceStart: start, maintenanceEnd: end, keyGroupId: group },
    });
    expect(res.statusCode).toBe(201);
    const { keyIds } = res.json().data;
    expect(keyIds).toHaveLength(2);
    const seen = (await t.request({ method: 'GET', url: '/api/v1/keys', cookie: await loginAs(t, admin) })).json().data;
    expect(seen.map((k: { id: string }) => k.id).sort()).toEqual([...keyIds].sort());
    expect(seen[0]).toMatchObject({ seats: 5, edition: { id: editionId }, keyGroup: { id: group, name: 'Rechenzentrum' }, maintenance: { status: 'active' } });
    expect(await actions(account.id)).toContain('key.issued');
  });

  it('refuses a key group of another account, an edition of another product and maintenance ending before it starts, creating nothing', async () => {
    const account = await buildAccount(t.db);
    const foreignGroup = await buildKeyGroup(t.db, (await buildAccount(t.db)).id);
    const { productId } = await buildProduct(t.db);
    const { editionId: otherEdition } = await buildProduct(t.db);
    const base = { accountId: account.id, productId, seats: 1, term: 'perpetual' };
    const cases = [
      [{ ...base, keyGroupId: foreignGroup }, 'unknown_key_group'],
      [{ ...base, editionId: otherEdition }, 'unknown_edition'],
      [{ ...base, maintenanceStart: new Date().toISOString(), maintenanceEnd: new Date(Date.now() - DAY).toISOString() }, 'before_start'],
      [{ ...base, term: 'subscription' }, 'required'],
    ] as const;
    for (const [payload, code] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/v1/staff/keys', cookie: staffAdmin, payload });
      expect(res.statusCode, code).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'request.invalid', errors: [{ code }] });
    }
    expect(await t.db.selectFrom('product_keys').select('id').where('account_id', '=', account.id).execute()).toEqual([]);
  });

  it('lists keys across accounts newest first, by account and by search, with a cursor', async () => {
    const a = await buildAccount(t.db, { name: 'Listing Alpha GmbH' });
    const b = await buildAccount(t.db, { name: 'Listing Beta AG' });
    const { productId } = await buildProduct(t.db);
    const aKeys = [(await buildKey(t.db, { accountId: a.id, productId })).keyId, (await buildKey(t.db, { accountId: a.id, productId })).keyId];
    const bKey = (await buildKey(t.db, { accountId: b.id, productId })).keyId;
    const get = async (qs: string) => (await t.request({ method: 'GET', url: `/api/v1/staff/keys?${qs}`, cookie: staffAdmin })).json();
    const all = await get('limit=100');
    expect(all.data.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([...aKeys, bKey]));
    const ofA = await get(`accountId=${a.id}`);
    expect(ofA.data.map((k: { id: string }) => k.id).sort()).toEqual([...aKeys].sort());
    expect(ofA.data[0].account).toEqual({ id: a.id, number: a.number, name: 'Listing Alpha GmbH' });
    expect((await get('q=listing beta')).data.map((k: { id: string }) => k.id)).toEqual([bKey]);
    const p1 = await get(`accountId=${a.id}&limit=1`);
    const p2 = await get(`accountId=${a.id}&limit=1&cursor=${p1.nextCursor}`);
    expect([p1.data[0].id, p2.data[0].id].sort()).toEqual([...aKeys].sort());
    expect(p2.nextCursor).toBeNull();
  });

  it("lists an account's key groups for the issue form; an unknown account is 404", async () => {
    const account = await buildAccount(t.db);
    await buildKeyGroup(t.db, account.id, 'Zentrale');
    const res = await t.request({ method: 'GET', url: `/api/v1/staff/key-groups?accountId=${account.id}`, cookie: staffAdmin });
    expect(res.json().data.map((g: { name: string }) => g.name)).toEqual(['Zentrale']);
    const missing = await t.request({ method: 'GET', url: '/api/v1/staff/key-groups?accountId=acc_missing', cookie: staffAdmin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('account.not_found');
  });

  it('audits a suspension and a change of terms with their own codes', async () => {
    const account = await buildAccount(t.db);
    const { keyId } = await buildKey(t.db, { accountId: account.id });
    const patch = (payload: object) => t.request({ method: 'PATCH', url: `/api/v1/staff/keys/${keyId}`, cookie: staffAdmin, payload });
    expect((await patch({ status: 'suspended', seats: 9 })).json().data).toMatchObject({ status: 'suspended', seats: 9, account: { id: account.id } });
    expect((await patch({ status: 'active' })).statusCode).toBe(200);
    expect((await actions(account.id)).sort()).toEqual(['key.reactivated', 'key.suspended', 'key.terms_changed']);
  });
});

describe('staff products', () => {
  it('creates a product with editions; a taken code is 409', async () => {
    const release = await loginAs(t, (await buildStaff(t.db, { staffRole: 'release' })).user);
    const payload = { code: 'report-builder', name: 'Report Builder', latestVersion: '2026.1', editions: [{ code: 'pro', name: 'Professional' }] };
    const created = await t.request({ method: 'POST', url: '/api/v1/staff/products', cookie: release, payload });
    expect(created.statusCode).toBe(201);
    expect(created.json().data).toMatchObject({ code: 'report-builder', editions: [{ code: 'pro', name: 'Professional' }] });
    const again = await t.request({ method: 'POST', url: '/api/v1/staff/products', cookie: release, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('product.code_taken');
    const bad = await t.request({ method: 'POST', url: '/api/v1/staff/products', cookie: release, payload: { ...payload, code: 'Not A Code' } });
    expect(bad.statusCode).toBe(400);
  });
});
