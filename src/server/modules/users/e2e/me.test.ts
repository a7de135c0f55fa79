import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildMember, buildStaff, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { createUsersRepository } from '../users.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/me', () => {
  it('needs a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it('shows a member their role, flags, areas and abilities from the policy table', async () => {
    const { user } = await buildMember(t.db, { role: 'member', downloads: true });
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', cookie: await loginAs(t, user) })).json().data;
    expect(me.membership).toEqual({ role: 'member', caseAdmin: false, billing: false, downloads: true });
    expect(me.areas).toEqual(['dashboard', 'cases', 'keys', 'downloads', 'reports', 'account']);
    expect(me.abilities).toEqual({
      manageUsers: false, manageAccountSecurity: false, manageStaff: false, switchAccount: false, viewActivity: false, viewConsole: false,
      viewStaffAccounts: false, viewOutbox: false, createAccounts: false, manageProducts: false, issueKeys: false, createCases: true, workCases: false, manageInvoices: false, runStaffReports: false,
      manageBilling: false,
    });
    expect(me.pendingEmail).toBeNull();
    expect(me.mfa).toEqual({ enabled: false, enrollmentRequired: false, demanded: false });
    expect(me.notificationPrefs).toEqual({ caseUpdates: true, caseStatus: true, invoiceReminders: true, releaseNotes: false, securityAlerts: true });
    expect(Date.parse(me.session.idleExpiresAt)).toBeLessThanOrEqual(Date.parse(me.session.expiresAt));
  });
});

describe('staff abilities in /me', () => {
  it('lets staff admins create accounts and manage staff users, and agents neither', async () => {
    const admin = (await buildStaff(t.db, { staffRole: 'admin' })).user;
    const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
    const adminMe = (await t.request({ method: 'GET', url: '/api/v1/me', cookie: await loginAs(t, admin) })).json().data;
    const agentMe = (await t.request({ method: 'GET', url: '/api/v1/me', cookie: await loginAs(t, agent) })).json().data;
    expect(adminMe.abilities).toMatchObject({ createAccounts: true, manageStaff: true, viewStaffAccounts: true });
    expect(agentMe.abilities).toMatchObject({ createAccounts: false, manageStaff: false, viewStaffAccounts: true });
  });

  it('lets billing staff issue keys, release managers manage products, admins both, agents neither', async () => {
    const abilities = async (staffRole: 'agent' | 'billing' | 'release' | 'admin') =>
      (await t.request({ method: 'GET', url: '/api/v1/me', cookie: await loginAs(t, (await buildStaff(t.db, { staffRole })).user) })).json().data.abilities;
    expect(await abilities('agent')).toMatchObject({ manageProducts: false, issueKeys: false });
    expect(await abilities('billing')).toMatchObject({ manageProducts: false, issueKeys: true });
    expect(await abilities('release')).toMatchObject({ manageProducts: true, issueKeys: false });
    expect(await abilities('admin')).toMatchObject({ manageProducts: true, issueKeys: true });
  });
});

describe('PATCH /api/v1/me', () => {
  it('stores the language and the name and audits the change', async () => {
    const { user, account } = await buildMember(t.db, { role: 'admin' });
    const cookie = await loginAs(t, user);
    const res = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { locale: 'en', name: 'Renamed Person' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.user).toMatchObject({ locale: 'en', name: 'Renamed Person' });
    const event = await t.db.selectFrom('audit_events').selectAll().where('account_id', '=', account.id).where('action', '=', 'user.updated').executeTakeFirst();
    expect(event).toBeDefined();
  });

  it('refuses an unsupported language, an empty body and unknown fields, changing nothing', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    for (const payload of [{ locale: 'fr' }, {}, { name: 'X', role: 'admin' }, { name: '   ' }]) {
      const res = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    const after = await createUsersRepository({ db: t.db }).findUserById(user.id);
    expect(after).toMatchObject({ name: user.name, locale: null });
  });
});

describe('POST /api/v1/me/account', () => {
  it('switches to another account the user belongs to, with that membership’s role', async () => {
    const { user, account } = await buildMember(t.db, { role: 'admin' });
    const second = await buildAccount(t.db, { name: 'Second GmbH' });
    await createUsersRepository({ db: t.db }).insertMembership({ accountId: second.id, userId: user.id, role: 'member' });
    const cookie = await loginAs(t, user);
    const before = (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data;
    expect(before.account.id).toBe(account.id);
    expect(before.abilities.switchAccount).toBe(true);

    const res = await t.request({ method: 'POST', url: '/api/v1/me/account', cookie, payload: { accountId: second.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ account: { id: second.id, name: 'Second GmbH' }, membership: { role: 'member' } });
    const after = (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data;
    expect(after.account.id).toBe(second.id);
    expect(after.abilities.viewActivity).toBe(false);

    const event = await t.db.selectFrom('audit_events').selectAll().where('account_id', '=', second.id).where('action', '=', 'account.switched').executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(user.id);
  });

  it('answers 404 for an account the user does not belong to, and for one that does not exist', async () => {
    const { user } = await buildMember(t.db);
    const foreign = await buildAccount(t.db);
    const cookie = await loginAs(t, user);
    for (const accountId of [foreign.id, 'acc_doesnotexist']) {
      const res = await t.request({ method: 'POST', url: '/api/v1/me/account', cookie, payload: { accountId } });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('account.not_found');
    }
  });
});

describe('GET /api/v1/account/activity', () => {
  it('lists the account’s events newest first with keyset pagination, never another account’s', async () => {
    const { user, account } = await buildMember(t.db, { role: 'admin' });
    const other = await buildMember(t.db, { role: 'admin' });
    await loginAs(t, other.user);
    const cookie = await loginAs(t, user);
    for (let i = 0; i < 3; i++) await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { name: `Name ${i}` } });

    const first = (await t.request({ method: 'GET', url: '/api/v1/account/activity?limit=2', cookie })).json();
    expect(first.data).toHaveLength(2);
    expect(first.data[0].action).toBe('user.updated');
    expect(first.data[0].actor).toMatchObject({ id: user.id, email: user.email });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await t.request({ method: 'GET', url: `/api/v1/account/activity?limit=2&cursor=${first.nextCursor}`, cookie })).json();
    const all = [...first.data, ...second.data];
    expect(new Set(all.map((e: { id: string }) => e.id)).size).toBe(all.length);
    expect(all.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'user.updated', 'user.updated', 'auth.login']);
    expect(second.nextCursor).toBeNull();
    expect(JSON.stringify(all)).not.toContain(other.user.id);
    expect(account.id).toBeTruthy();
  });

  it('shows a member only their own activity, and a broken cursor is a 400', async () => {
    const { user, account } = await buildMember(t.db, { role: 'member' });
    const colleague = await buildMember(t.db, { account, role: 'admin' });
    await loginAs(t, colleague.user);
    const cookie = await loginAs(t, user);
    const own = (await t.request({ method: 'GET', url: '/api/v1/account/activity', cookie })).json().data;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e: { actor: { id: string } }) => e.actor.id === user.id)).toBe(true);
    const admin = await buildMember(t.db, { role: 'admin' });
    const adminCookie = await loginAs(t, admin.user);
    const bad = await t.request({ method: 'GET', url: '/api/v1/account/activity?cursor=garbage', cookie: adminCookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.cursor');
  });
});
