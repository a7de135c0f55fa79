import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../app/ids.js';
import { buildAccount, buildMember, lastMailTo, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function adminSession() {
  const { user, account } = await buildMember(t.db, { role: 'admin' });
  return { admin: user, account, cookie: await loginAs(t, user) };
}

async function keyGroup(accountId: string, name: string) {
  const id = newId('kgr');
  const now = new Date().toISOString();
  await t.db.insertInto('key_groups').values({ id, account_id: accountId, name, created_at: now, updated_at: now }).execute();
  return id;
}

const invite = (cookie: string, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/account/users', cookie, payload });

describe('inviting users', () => {
  it('invites a new person as key manager with key groups and mails a single-use link in their language', async () => {
    const { cookie, account } = await adminSession();
    const group = await keyGroup(account.id, 'Standort Berlin');
    const res = await invite(cookie, { email: 'New.Person@Example.test', name: 'Neue Person', role: 'key_manager', keyGroupIds: [group], locale: 'de' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().data).toMatchObject({
      email: 'new.person@example.test', role: 'key_manager', status: 'invited', keyGroups: [{ id: group, name: 'Standort Berlin' }],
      abilities: { resendInvitation: true, edit: true },
    });
    const { mail, link, token } = await lastMailTo(t, 'new.person@example.test');
    expect(mail.subject).toContain('Einladung');
    expect(mail.html_body).toContain('Einladung annehmen');
    expect(link).toMatch(/^http:\/\/portico\.test\/invitation\//);
    expect(Buffer.from(token!, 'base64url').length).toBeGreaterThanOrEqual(16);
    const stored = await t.db.selectFrom('user_tokens').select('token_hash').execute();
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('account_id', '=', account.id).where('action', '=', 'user.invited').execute();
    expect(audit).toHaveLength(1);
  });

  it('gives a person who already has a login a membership and a notice, not a second login', async () => {
    const { cookie, account } = await adminSession();
    const elsewhere = await buildMember(t.db, { role: 'admin' });
    const res = await invite(cookie, { email: elsewhere.user.email, name: 'Ignored Name', role: 'member' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ id: elsewhere.user.id, status: 'active', name: elsewhere.user.name });
    const logins = await t.db.selectFrom('users').select('id').where('email', '=', elsewhere.user.email).execute();
    expect(logins).toHaveLength(1);
    expect((await lastMailTo(t, elsewhere.user.email)).mail.subject).toContain(account.name);
    const again = await invite(cookie, { email: elsewhere.user.email, name: 'x', role: 'member' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('user.already_member');
  });

  it('refuses a key group of another account, key groups for non key managers, and smuggled fields', async () => {
    const { cookie } = await adminSession();
    const foreign = await keyGroup((await buildAccount(t.db)).id, 'Fremd');
    const wrongGroup = await invite(cookie, { email: 'kg@example.test', name: 'K', role: 'key_manager', keyGroupIds: [foreign] });
    expect(wrongGroup.statusCode).toBe(400);
    expect(wrongGroup.json().errors[0]).toMatchObject({ path: 'body.keyGroupIds', code: 'unknown_key_group' });
    const notKm = await invite(cookie, { email: 'kg2@example.test', name: 'K', role: 'member', keyGroupIds: [foreign] });
    expect(notKm.statusCode).toBe(400);
    for (const extra of [{ accountId: 'acc_x' }, { kind: 'staff' }, { status: 'active' }, { staffRole: 'admin' }]) {
      const res = await invite(cookie, { email: 'smuggle@example.test', name: 'S', role: 'member', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    expect(await t.db.selectFrom('users').select('id').where('email', 'like', 'kg%').execute()).toHaveLength(0);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'smuggle@example.test').execute()).toHaveLength(0);
  });

  it('is refused to a member (403) and a key manager (403)', async () => {
    const { account } = await adminSession();
    for (const role of ['member', 'key_manager'] as const) {
      const { user } = await buildMember(t.db, { account, role });
      const cookie = await loginAs(t, user);
      expect((await invite(cookie, { email: `x-${role}@example.test`, name: 'X', role: 'admin' })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/v1/account/users', cookie })).statusCode).toBe(403);
    }
  });
});

describe('listing users', () => {
  it('searches, filters by role and status, and pages by name', async () => {
    const { cookie, account } = await adminSession();
    for (const name of ['Bert', 'Carla', 'Dora', 'Emil']) await buildMember(t.db, { account, role: 'member', name });
    await buildMember(t.db, { account, role: 'key_manager', name: 'Karl Keys' });
    await buildMember(t.db, { account, role: 'member', name: 'Ina Invited', status: 'invited' });
    await buildMember(t.db, { role: 'member', name: 'Bert' });

    const page1 = (await t.request({ method: 'GET', url: '/api/v1/account/users?limit=3', cookie })).json();
    expect(page1.data.map((u: { name: string }) => u.name)).toEqual(['Bert', 'Carla', 'Dora']);
    const page2 = (await t.request({ method: 'GET', url: `/api/v1/account/users?limit=3&cursor=${page1.nextCursor}`, cookie })).json();
    expect(page2.data.map((u: { name: string }) => u.name)).toEqual(['Emil', 'Ina Invited', 'Karl Keys']);
    const search = (await t.request({ method: 'GET', url: '/api/v1/account/users?q=bert', cookie })).json();
    expect(search.data).toHaveLength(1);
    const kms = (await t.request({ method: 'GET', url: '/api/v1/account/users?role=key_manager', cookie })).json();
    expect(kms.data.map((u: { name: string }) => u.name)).toEqual(['Karl Keys']);
    const invited = (await t.request({ method: 'GET', url: '/api/v1/account/users?status=invited', cookie })).json();
    expect(invited.data.map((u: { name: string }) => u.name)).toEqual(['Ina Invited']);
  });
});

describe('editing users', () => {
  it('changes role and flags with If-Match, refuses a stale version (412) and a missing one (428)', async () => {
    const { cookie, account } = await adminSession();
    const { user } = await buildMember(t.db, { account, role: 'member' });
    const url = `/api/v1/account/users/${user.id}`;
    const got = await t.request({ method: 'GET', url, cookie });
    expect(got.headers.etag).toBe('"1"');
    expect((await t.request({ method: 'PATCH', url, cookie, payload: { billing: true } })).statusCode).toBe(428);
    const ok = await t.request({ method: 'PATCH', url, cookie, payload: { role: 'admin', billing: true }, headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json().data).toMatchObject({ role: 'admin', billing: true });
    const stale = await t.request({ method: 'PATCH', url, cookie, payload: { downloads: true }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('request.precondition_failed');
    const events = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', user.id).execute();
    expect(events.map((e) => e.action)).toContain('user.permissions_changed');
  });

  it('never lets the last admin be demoted, deactivated or removed', async () => {
    const { cookie, admin } = await adminSession();
    const url = `/api/v1/account/users/${admin.id}`;
    for (const payload of [{ role: 'member' }, { status: 'disabled' }]) {
      const res = await t.request({ method: 'PATCH', url, cookie, payload, headers: { 'if-match': '"1"' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('membership.last_admin');
    }
    const del = await t.request({ method: 'DELETE', url, cookie });
    expect(del.json().code).toBe('membership.last_admin');
  });

  it('keeps one admin when two admins demote each other at the same time', async () => {
    const { cookie: cookieA, admin: a, account } = await adminSession();
    const b = (await buildMember(t.db, { account, role: 'admin' })).user;
    const cookieB = await loginAs(t, b);
    const [r1, r2] = await Promise.all([
      t.request({ method: 'PATCH', url: `/api/v1/account/users/${b.id}`, cookie: cookieA, payload: { role: 'member' }, headers: { 'if-match': '"1"' } }),
      t.request({ method: 'PATCH', url: `/api/v1/account/users/${a.id}`, cookie: cookieB, payload: { role: 'member' }, headers: { 'if-match': '"1"' } }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const admins = await t.db.selectFrom('memberships').select('id').where('account_id', '=', account.id).where('role', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
  });

  it('deactivating ends the user’s sessions in this account at once; reactivating lets them back', async () => {
    const { cookie, account } = await adminSession();
    const { user } = await buildMember(t.db, { account, role: 'member' });
    const memberCookie = await loginAs(t, user);
    const url = `/api/v1/account/users/${user.id}`;
    const off = await t.request({ method: 'PATCH', url, cookie, payload: { status: 'disabled' }, headers: { 'if-match': '"1"' } });
    expect(off.json().data).toMatchObject({ status: 'disabled', abilities: { reactivate: true, deactivate: false } });
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: memberCookie })).statusCode).toBe(401);
    const relogin = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'correct horse battery staple' } });
    expect(relogin.json().data.account).toBeNull();
    await t.request({ method: 'PATCH', url, cookie, payload: { status: 'active' }, headers: { 'if-match': '"2"' } });
    const back = await loginAs(t, user);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: back })).json().data.account.id).toBe(account.id);
  });

  it('removes a user from the account only, and another account’s user reads as not found', async () => {
    const { cookie, account } = await adminSession();
    const other = await buildMember(t.db, { role: 'admin' });
    const { user } = await buildMember(t.db, { account, role: 'member' });
    await t.db.insertInto('memberships').values({
      id: newId('mem'), account_id: other.account.id, user_id: user.id, role: 'member', case_admin: false, billing: false, downloads: false,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    }).execute();
    expect((await t.request({ method: 'GET', url: `/api/v1/account/users/${other.user.id}`, cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/account/users/${other.user.id}`, cookie })).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/account/users/${user.id}`, cookie })).statusCode).toBe(204);
    const left = await t.db.selectFrom('memberships').select('account_id').where('user_id', '=', user.id).execute();
    expect(left.map((m) => m.account_id)).toEqual([other.account.id]);
  });
});

describe('invitations', () => {
  it('shows the invitation, accepts it once with a new password and signs the person in', async () => {
    const { cookie, account } = await adminSession();
    await invite(cookie, { email: 'accept@example.test', name: 'Invited Ida', role: 'member', locale: 'en' });
    const { token, mail } = await lastMailTo(t, 'accept@example.test');
    expect(mail.subject).toBe(`Invitation to the customer portal: ${account.name}`);
    const info = await t.request({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(info.json().data).toMatchObject({ email: 'accept@example.test', accountName: account.name, locale: 'en' });

    const weak = await t.request({ method: 'POST', url: `/api/v1/invitations/${token}`, payload: { name: 'Ida', password: 'password1234' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: 'body.password', code: 'password_common' });

    const accepted = await t.request({ method: 'POST', url: `/api/v1/invitations/${token}`, payload: { name: 'Ida Accepted', password: 'a sound long passphrase' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().data).toMatchObject({ user: { name: 'Ida Accepted', locale: 'en' }, account: { id: account.id }, membership: { role: 'member' } });
    expect(accepted.cookies.some((c) => c.name === 'portico_session')).toBe(true);

    const reused = await t.request({ method: 'POST', url: `/api/v1/invitations/${token}`, payload: { name: 'Mallory', password: 'another long passphrase' } });
    expect(reused.statusCode).toBe(410);
    expect(reused.json().code).toBe('token.used');
  });

  it('refuses an expired link and an unknown one', async () => {
    const { cookie } = await adminSession();
    await invite(cookie, { email: 'late@example.test', name: 'Late', role: 'member' });
    const { token } = await lastMailTo(t, 'late@example.test');
    await t.db.updateTable('user_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('kind', '=', 'invitation').execute();
    const res = await t.request({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('token.expired');
    expect((await t.request({ method: 'GET', url: '/api/v1/invitations/unknown-token-123456' })).statusCode).toBe(404);
  });

  it('answers a malformed link like an unknown one: 404, never a validation error', async () => {
    const malformed = ['short', 'has spaces in it %20 here', 'x'.repeat(90), 'semi;colon;token;value', '%C3%A4%C3%B6%C3%BC-umlauts-token'];
    for (const token of malformed) {
      const shown = await t.request({ method: 'GET', url: `/api/v1/invitations/${token}` });
      expect({ token, status: shown.statusCode, code: shown.json().code }).toEqual({ token, status: 404, code: 'token.not_found' });
      const accepted = await t.request({ method: 'POST', url: `/api/v1/invitations/${token}`, payload: { name: 'Mallory', password: 'a sound long passphrase' } });
      expect({ token, status: accepted.statusCode, code: accepted.json().code }).toEqual({ token, status: 404, code: 'token.not_found' });
    }
  });

  it('resending makes a new link and the old one stops working', async () => {
    const { cookie } = await adminSession();
    const created = (await invite(cookie, { email: 'resend@example.test', name: 'Resend', role: 'member' })).json().data;
    const first = (await lastMailTo(t, 'resend@example.test')).token;
    const res = await t.request({ method: 'POST', url: `/api/v1/account/users/${created.id}/resend-invitation`, cookie });
    expect(res.statusCode).toBe(202);
    const second = (await lastMailTo(t, 'resend@example.test')).token;
    expect(second).not.toBe(first);
    expect((await t.request({ method: 'GET', url: `/api/v1/invitations/${first}` })).statusCode).toBe(410);
    expect((await t.request({ method: 'GET', url: `/api/v1/invitations/${second}` })).statusCode).toBe(200);
  });
});
