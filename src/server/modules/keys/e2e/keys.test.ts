import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  buildActivation,
  buildKey,
  buildKeyGroup,
  buildMember,
  buildProduct,
  lastMailTo,
  loginAs,
  manageKeyGroup,
} from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { permissionsForMembership } from '../../../app/auth/permissions.js';
import { canViewKey } from '../keys.policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { KEY_RELEASE_COOLDOWN_MINUTES: '0', KEY_RELEASE_MONTHLY_LIMIT: '2', SUPPORT_EMAIL: 'support@vendor.test' } });
});
afterAll(() => t.close());

const DAY = 86_400_000;

async function world() {
  const account = await buildAccount(t.db);
  const { productId } = await buildProduct(t.db, { name: 'Analytics Desktop', latestVersion: '2026.3' });
  const berlin = await buildKeyGroup(t.db, account.id, 'Berlin');
  const munich = await buildKeyGroup(t.db, account.id, 'München');
  const admin = (await buildMember(t.db, { account, role: 'admin' })).user;
  const km = (await buildMember(t.db, { account, role: 'key_manager' })).user;
  const member = (await buildMember(t.db, { account, role: 'member' })).user;
  await manageKeyGroup(t.db, { userId: km.id, accountId: account.id, keyGroupId: berlin });
  const keys = {
    berlin: (await buildKey(t.db, { accountId: account.id, productId, keyGroupId: berlin, maintenanceEnd: new Date(Date.now() + 400 * DAY).toISOString() })).keyId,
    berlinExpiring: (await buildKey(t.db, { accountId: account.id, productId, keyGroupId: berlin, maintenanceEnd: new Date(Date.now() + 30 * DAY).toISOString() })).keyId,
    munich: (await buildKey(t.db, { accountId: account.id, productId, keyGroupId: munich, maintenanceEnd: new Date(Date.now() - DAY).toISOString() })).keyId,
    members: (await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id })).keyId,
  };
  const foreign = (await buildKey(t.db, { accountId: (await buildAccount(t.db)).id, productId })).keyId;
  return { account, productId, berlin, munich, admin, km, member, keys, foreign };
}

const ids = (res: { json: () => { data: { id: string }[] } }) => res.json().data.map((k) => k.id).sort();

describe('the key list', () => {
  it('shows admins every key of the account, key managers their groups (and keys assigned to them), members their own', async () => {
    const w = await world();
    const [a, k, m] = [await loginAs(t, w.admin), await loginAs(t, w.km), await loginAs(t, w.member)];
    expect(ids(await t.request({ method: 'GET', url: '/api/v1/keys', cookie: a }))).toEqual(Object.values(w.keys).sort());
    expect(ids(await t.request({ method: 'GET', url: '/api/v1/keys', cookie: k }))).toEqual([w.keys.berlin, w.keys.berlinExpiring].sort());
    expect(ids(await t.request({ method: 'GET', url: '/api/v1/keys', cookie: m }))).toEqual([w.keys.members]);
    expect((await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.munich}`, cookie: k })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/keys/${w.foreign}`, cookie: a })).statusCode).toBe(404);
  });

  it('filters by maintenance state, assignment, registration, product, group and search; pages with a cursor', async () => {
    const w = await world();
    const a = await loginAs(t, w.admin);
    const q = async (qs: string) => ids(await t.request({ method: 'GET', url: `/api/v1/keys?${qs}`, cookie: a }));
    expect(await q('filter=maintenance_expiring')).toEqual([w.keys.berlinExpiring]);
    expect(await q('filter=maintenance_expired')).toEqual([w.keys.munich]);
    expect(await q('filter=maintenance_active')).toEqual([w.keys.berlin, w.keys.members].sort());
    expect((await q('filter=unassigned')).includes(w.keys.members)).toBe(false);
    await buildActivation(t.db, w.keys.berlin);
    expect((await q('filter=unregistered')).includes(w.keys.berlin)).toBe(false);
    expect(await q(`keyGroup=${w.munich}`)).toEqual([w.keys.munich]);
    expect((await q('keyGroup=none'))).toEqual([w.keys.members]);
    expect((await q(`product=${w.productId}`)).length).toBe(4);
    const key = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.munich}`, cookie: a })).json().data.licenseKey as string;
    expect(await q(`q=${key.slice(-5).toLowerCase()}`)).toEqual([w.keys.munich]);
    const p1 = (await t.request({ method: 'GET', url: '/api/v1/keys?limit=3', cookie: a })).json();
    const p2 = (await t.request({ method: 'GET', url: `/api/v1/keys?limit=3&cursor=${p1.nextCursor}`, cookie: a })).json();
    expect(new Set([...p1.data, ...p2.data].map((x: { id: string }) => x.id)).size).toBe(4);
    expect(p2.nextCursor).toBeNull();
  });

  it('shows the full key to those who manage it and to its assignee, masked to others', async () => {
    const w = await world();
    const k = await loginAs(t, w.km);
    const m = await loginAs(t, w.member);
    const kmView = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.berlin}`, cookie: k })).json().data;
    expect(kmView.licenseKeyMasked).toBe(false);
    expect(kmView.abilities).toMatchObject({ manage: true, release: true });
    const memberView = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.members}`, cookie: m })).json().data;
    expect(memberView).toMatchObject({ licenseKeyMasked: false, abilities: { manage: false, release: false, requestRenewal: true } });
  });

  it('exports CSV within the same scope', async () => {
    const w = await world();
    const res = await t.request({ method: 'GET', url: '/api/v1/keys?format=csv', cookie: await loginAs(t, w.km) });
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^key,product,edition/);
    expect(lines).toHaveLength(3);
  });

  it('never lists a key the single-key policy denies (property check over random worlds)', async () => {
    for (let round = 0; round < 4; round++) {
      const account = await buildAccount(t.db);
      const { productId } = await buildProduct(t.db);
      const groups = [await buildKeyGroup(t.db, account.id), await buildKeyGroup(t.db, account.id), await buildKeyGroup(t.db, account.id)];
      const people = await Promise.all(
        (['admin', 'key_manager', 'key_manager', 'member', 'member'] as const).map(async (role) => ({ role, user: (await buildMember(t.db, { account, role })).user })),
      );
      const managed = new Map<string, string[]>();
      for (const p of people.filter((x) => x.role === 'key_manager')) {
        const mine = groups.filter(() => Math.random() < 0.5);
        managed.set(p.user.id, mine);
        for (const g of mine) await manageKeyGroup(t.db, { userId: p.user.id, accountId: account.id, keyGroupId: g });
      }
      const facts = [];
      for (let i = 0; i < 12; i++) {
        const keyGroupId = Math.random() < 0.7 ? (groups[Math.floor(Math.random() * 3)] as string) : null;
        const assignee = Math.random() < 0.5 ? people[Math.floor(Math.random() * people.length)]!.user.id : null;
        const { keyId } = await buildKey(t.db, { accountId: account.id, productId, keyGroupId, assignedUserId: assignee });
        facts.push({ id: keyId, accountId: account.id, keyGroupId, assignedUserId: assignee });
      }
      for (const p of people) {
        const actor = {
          kind: 'customer' as const, userId: p.user.id, sessionId: 's', accountId: account.id, role: p.role, caseAdmin: false, billing: false, downloads: false,
          permissions: permissionsForMembership({ role: p.role, caseAdmin: false, billing: false, downloads: false }),
        };
        const expected = facts.filter((f) => canViewKey({ actor, managedGroupIds: managed.get(p.user.id) ?? [] }, f)).map((f) => f.id).sort();
        const cookie = await loginAs(t, p.user);
        const listed = ids(await t.request({ method: 'GET', url: '/api/v1/keys?limit=100', cookie }));
        expect(listed, `${p.role} in round ${round}`).toEqual(expected);
        const csv = (await t.request({ method: 'GET', url: '/api/v1/keys?format=csv', cookie })).body.trim().split('\r\n');
        expect(csv.length - 1).toBe(expected.length);
        // Facets offer every group a visible key is in (and the groups the actor looks after), nothing else.
        const visible = facts.filter((f) => expected.includes(f.id));
        const looksAfter = p.role === 'admin' ? groups : (managed.get(p.user.id) ?? []);
        const facets = (await t.request({ method: 'GET', url: '/api/v1/keys/facets', cookie })).json().data;
        const expectedGroups = [...new Set([...visible.flatMap((f) => (f.keyGroupId ? [f.keyGroupId] : [])), ...looksAfter])].sort();
        expect(facets.keyGroups.map((g: { id: string }) => g.id).sort(), `facets of ${p.role} in round ${round}`).toEqual(expectedGroups);
        expect(facets.products.map((x: { id: string }) => x.id)).toEqual(visible.length ? [productId] : []);
      }
    }
  });
});

describe('facets', () => {
  it('include the group of a key assigned to a key manager outside their groups, and nothing of another account', async () => {
    const w = await world();
    await t.db.updateTable('product_keys').set({ assigned_user_id: w.km.id }).where('id', '=', w.keys.munich).execute();
    const other = await buildAccount(t.db);
    await buildKeyGroup(t.db, other.id, 'Fremd');
    const k = await loginAs(t, w.km);
    const facets = (await t.request({ method: 'GET', url: '/api/v1/keys/facets', cookie: k })).json().data;
    expect(facets.keyGroups.map((g: { name: string }) => g.name)).toEqual(['Berlin', 'München']);
    expect(ids(await t.request({ method: 'GET', url: `/api/v1/keys?keyGroup=${w.munich}`, cookie: k }))).toEqual([w.keys.munich]);
    const m = (await t.request({ method: 'GET', url: '/api/v1/keys/facets', cookie: await loginAs(t, w.member) })).json().data;
    expect(m).toEqual({ products: [{ id: w.productId, name: 'Analytics Desktop' }], keyGroups: [] });
  });
});

describe('assignee search', () => {
  it('finds active portal users of the own account by name or email, at most 20, for admins and key managers', async () => {
    const w = await world();
    await buildMember(t.db, { account: w.account, role: 'member', name: 'Erika Mustermann', email: `erika.${w.account.id}@example.test` });
    await buildMember(t.db, { account: w.account, role: 'member', name: 'Erika Eingeladen', status: 'invited' });
    const disabled = (await buildMember(t.db, { account: w.account, role: 'member', name: 'Erika Gesperrt' })).user;
    await t.db.updateTable('memberships').set({ status: 'disabled' }).where('user_id', '=', disabled.id).execute();
    await buildMember(t.db, { role: 'admin', name: 'Erika Fremd' });
    for (let i = 0; i < 25; i++) await buildMember(t.db, { account: w.account, role: 'member', name: `Zeta ${String(i).padStart(2, '0')}` });
    const search = async (cookie: string, q: string) => t.request({ method: 'GET', url: `/api/v1/keys/assignees?q=${encodeURIComponent(q)}`, cookie });
    for (const cookie of [await loginAs(t, w.admin), await loginAs(t, w.km)]) {
      const byName = await search(cookie, 'erika');
      expect(byName.statusCode).toBe(200);
      expect(byName.json().data.map((u: { name: string }) => u.name)).toEqual(['Erika Mustermann']);
      expect((await search(cookie, `ERIKA.${w.account.id}`)).json().data).toHaveLength(1);
      expect((await search(cookie, 'zeta')).json().data).toHaveLength(20);
      expect((await search(cookie, '%')).json().data).toEqual([]);
    }
    const member = await search(await loginAs(t, w.member), 'erika');
    expect(member.statusCode).toBe(403);
    const tooLong = await search(await loginAs(t, w.admin), 'x'.repeat(201));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('assignment and key groups', () => {
  it('assigns a key to an end user and to a portal user, unassigns it, with If-Match, audited', async () => {
    const w = await world();
    const a = await loginAs(t, w.admin);
    const url = `/api/v1/keys/${w.keys.berlin}`;
    const r1 = await t.request({ method: 'PATCH', url, cookie: a, headers: { 'if-match': '"1"' }, payload: { assignedTo: { name: 'Erika Muster', email: 'Erika@Example.test' } } });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().data.assignedTo).toEqual({ name: 'Erika Muster', email: 'erika@example.test', userId: null });
    const stale = await t.request({ method: 'PATCH', url, cookie: a, headers: { 'if-match': '"1"' }, payload: { assignedTo: null } });
    expect(stale.statusCode).toBe(412);
    const r2 = await t.request({ method: 'PATCH', url, cookie: a, headers: { 'if-match': '"2"' }, payload: { assignedTo: { userId: w.member.id } } });
    expect(r2.json().data.assignedTo).toMatchObject({ userId: w.member.id });
    const memberSees = ids(await t.request({ method: 'GET', url: '/api/v1/keys', cookie: await loginAs(t, w.member) }));
    expect(memberSees).toContain(w.keys.berlin);
    const foreignUser = (await buildMember(t.db)).user;
    const bad = await t.request({ method: 'PATCH', url, cookie: a, headers: { 'if-match': '"3"' }, payload: { assignedTo: { userId: foreignUser.id } } });
    expect(bad.statusCode).toBe(400);
    const events = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', w.keys.berlin).execute();
    expect(events.map((e) => e.action)).toEqual(['key.assigned', 'key.assigned']);
  });

  it('can invite the end user to the portal while assigning (admins only)', async () => {
    const w = await world();
    const a = await loginAs(t, w.admin);
    const res = await t.request({
      method: 'PATCH', url: `/api/v1/keys/${w.keys.berlin}`, cookie: a, headers: { 'if-match': '"1"' },
      payload: { assignedTo: { name: 'Neu Kollege', email: 'neu.kollege@example.test', inviteToPortal: true } },
    });
    expect(res.json().data.assignedTo.userId).toMatch(/^usr_/);
    expect((await lastMailTo(t, 'neu.kollege@example.test')).link).toMatch(/invitation/);
    const k = await loginAs(t, w.km);
    const byKm = await t.request({
      method: 'PATCH', url: `/api/v1/keys/${w.keys.berlinExpiring}`, cookie: k, headers: { 'if-match': '"1"' },
      payload: { assignedTo: { name: 'X', email: 'x-km@example.test', inviteToPortal: true } },
    });
    expect(byKm.statusCode).toBe(403);
  });

  it('lets a key manager move keys only between their own groups; admins anywhere; bulk is all or nothing', async () => {
    const w = await world();
    const k = await loginAs(t, w.km);
    const toMunich = await t.request({ method: 'PATCH', url: `/api/v1/keys/${w.keys.berlin}`, cookie: k, headers: { 'if-match': '"1"' }, payload: { keyGroupId: w.munich } });
    expect(toMunich.statusCode).toBe(403);
    const mixed = await t.request({ method: 'POST', url: '/api/v1/keys/bulk-assign', cookie: k, payload: { keyIds: [w.keys.berlin, w.keys.munich], assignedTo: { name: 'A', email: 'a@example.test' } } });
    expect(mixed.statusCode).toBe(404);
    const unchanged = await t.db.selectFrom('product_keys').select('assigned_email').where('id', '=', w.keys.berlin).executeTakeFirstOrThrow();
    expect(unchanged.assigned_email).toBeNull();
    const a = await loginAs(t, w.admin);
    const bulk = await t.request({ method: 'POST', url: '/api/v1/keys/bulk-assign', cookie: a, payload: { keyIds: [w.keys.berlin, w.keys.munich], keyGroupId: w.munich } });
    expect(bulk.json().data.updated).toBe(2);
    expect(ids(await t.request({ method: 'GET', url: `/api/v1/keys?keyGroup=${w.munich}`, cookie: a }))).toEqual([w.keys.berlin, w.keys.munich].sort());
  });

  it('audits a bulk move as key.moved with both groups, and a bulk assignment as key.assigned, once per key', async () => {
    const w = await world();
    const a = await loginAs(t, w.admin);
    const events = async (keyId: string) =>
      (await t.db.selectFrom('audit_events').select(['action', 'data']).where('target_id', '=', keyId).orderBy('at').orderBy('action').execute()).map((e) => ({
        action: e.action, data: typeof e.data === 'string' ? JSON.parse(e.data) : e.data,
      }));
    const moved = await t.request({ method: 'POST', url: '/api/v1/keys/bulk-assign', cookie: a, payload: { keyIds: [w.keys.berlin, w.keys.munich], keyGroupId: w.munich } });
    expect(moved.statusCode).toBe(200);
    expect(await events(w.keys.berlin)).toEqual([{ action: 'key.moved', data: { from: w.berlin, to: w.munich, bulk: true } }]);
    // Already in München: nothing moved, nothing audited.
    expect(await events(w.keys.munich)).toEqual([]);
    await t.request({ method: 'POST', url: '/api/v1/keys/bulk-assign', cookie: a, payload: { keyIds: [w.keys.berlin], keyGroupId: null, assignedTo: { name: 'Erika', email: 'erika@example.test' } } });
    // Both events of one key land in one transaction (same instant): compare them in a fixed order.
    const second = (await events(w.keys.berlin)).slice(1).sort((x, y) => x.action.localeCompare(y.action));
    expect(second).toEqual([
      { action: 'key.assigned', data: { from: null, to: 'erika@example.test', bulk: true } },
      { action: 'key.moved', data: { from: w.munich, to: null, bulk: true } },
    ]);
  });

  it('admins create, rename and delete key groups; deleting keeps the keys', async () => {
    const w = await world();
    const a = await loginAs(t, w.admin);
    const created = await t.request({ method: 'POST', url: '/api/v1/key-groups', cookie: a, payload: { name: 'Hamburg' } });
    expect(created.statusCode).toBe(201);
    const dup = await t.request({ method: 'POST', url: '/api/v1/key-groups', cookie: a, payload: { name: 'Hamburg' } });
    expect(dup.json().code).toBe('key_group.name_taken');
    const id = created.json().data.id;
    expect((await t.request({ method: 'PATCH', url: `/api/v1/key-groups/${id}`, cookie: a, payload: { name: 'Hamburg Nord' } })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/key-groups/${w.munich}`, cookie: a })).statusCode).toBe(204);
    const key = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.munich}`, cookie: a })).json().data;
    expect(key.keyGroup).toBeNull();
    const deleted = await t.db.selectFrom('audit_events').select('data').where('action', '=', 'key_group.deleted').where('target_id', '=', w.munich).executeTakeFirstOrThrow();
    expect(typeof deleted.data === 'string' ? JSON.parse(deleted.data) : deleted.data).toEqual({ name: 'München', keyCount: 1 });
    const list = (await t.request({ method: 'GET', url: '/api/v1/key-groups', cookie: await loginAs(t, w.km) })).json().data;
    expect(list.map((g: { name: string }) => g.name)).toEqual(['Berlin']);
  });
});

describe('registration history and seat release', () => {
  it('lists activations and releases one, within the monthly limit, audited', async () => {
    const w = await world();
    const k = await loginAs(t, w.km);
    const acts: string[] = [];
    for (let i = 0; i < 3; i++) acts.push((await buildActivation(t.db, w.keys.berlin)).activationId);
    const history = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.berlin}/activations`, cookie: k })).json().data;
    expect(history).toHaveLength(3);
    const release = (id: string) => t.request({ method: 'POST', url: `/api/v1/keys/${w.keys.berlin}/activations/${id}/release`, cookie: k });
    const r1 = await release(acts[0]!);
    expect(r1.json().data.releasesLeftThisMonth).toBe(1);
    expect((await release(acts[0]!)).statusCode).toBe(404);
    expect((await release(acts[1]!)).statusCode).toBe(200);
    const third = await release(acts[2]!);
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('activation.release_limit');
    const key = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.berlin}`, cookie: k })).json().data;
    expect(key.seatsUsed).toBe(1);
    const after = (await t.request({ method: 'GET', url: `/api/v1/keys/${w.keys.berlin}/activations`, cookie: k })).json().data;
    expect(after.filter((x: { deactivation: string }) => x.deactivation === 'portal_release')).toHaveLength(2);
    expect(after.find((x: { id: string }) => x.id === acts[0]).deactivatedBy.id).toBe(w.km.id);
    const member = await loginAs(t, w.member);
    expect((await t.request({ method: 'POST', url: `/api/v1/keys/${w.keys.berlin}/activations/${acts[2]}/release`, cookie: member })).statusCode).toBe(404);
  });

  it('enforces the cooldown between two releases of the same key', async () => {
    const strict = await createTestApp({ env: { KEY_RELEASE_COOLDOWN_MINUTES: '60' } });
    try {
      const { user, account } = await buildMember(strict.db, { role: 'admin' });
      const { keyId } = await buildKey(strict.db, { accountId: account.id });
      const a1 = (await buildActivation(strict.db, keyId)).activationId;
      const a2 = (await buildActivation(strict.db, keyId)).activationId;
      const cookie = await loginAs(strict, user);
      expect((await strict.request({ method: 'POST', url: `/api/v1/keys/${keyId}/activations/${a1}/release`, cookie })).statusCode).toBe(200);
      const second = await strict.request({ method: 'POST', url: `/api/v1/keys/${keyId}/activations/${a2}/release`, cookie });
      expect(second.statusCode).toBe(429);
      expect(second.json().code).toBe('activation.release_cooldown');
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(3000);
    } finally {
      await strict.close();
    }
  });

  it('a renewal request opens a Kundendienst case about the key, which support hears of through the outbox', async () => {
    const w = await world();
    const m = await loginAs(t, w.member);
    const res = await t.request({ method: 'POST', url: `/api/v1/keys/${w.keys.members}/renewal-request`, cookie: m, payload: { message: 'Bitte um Angebot' } });
    expect(res.statusCode, res.body).toBe(201);
    const { caseId, number } = res.json().data;
    const kase = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, cookie: m })).json().data;
    expect(kase).toMatchObject({ number, type: 'customer_service', category: 'licensing', status: 'new', key: { id: w.keys.members } });
    expect(kase.subject).toMatch(/^Wartung verlängern: Analytics Desktop/);
    expect(kase.description).toContain('Bitte um Angebot');
    const licenseKey = (await t.db.selectFrom('product_keys').select('license_key').where('id', '=', w.keys.members).executeTakeFirstOrThrow()).license_key;
    expect(kase.description).not.toContain(licenseKey);
    const { mail } = await lastMailTo(t, 'support@vendor.test');
    expect(mail.subject).toContain(number);
    expect(mail.text_body).toContain('Bitte um Angebot');
    expect(mail.text_body).not.toContain(licenseKey);
    const activity = (await t.request({ method: 'GET', url: '/api/v1/account/activity', cookie: m })).json().data.map((e: { action: string }) => e.action);
    expect(activity).toEqual(expect.arrayContaining(['key.renewal_requested', 'case.created']));
    // A key the user cannot see: 404, and no case.
    const hidden = await t.request({ method: 'POST', url: `/api/v1/keys/${w.keys.munich}/renewal-request`, cookie: m, payload: {} });
    expect(hidden.statusCode).toBe(404);
  });
});
