import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildStaff, lastMailTo, loginAs, TEST_PASSWORD } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('Mein Profil', () => {
  it('stores notification preferences; kinds left out keep their setting, unknown kinds are refused', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const prefs = { caseUpdates: false, caseStatus: true, invoiceReminders: true, releaseNotes: true, securityAlerts: true };
    const res = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { notificationPrefs: prefs } });
    expect(res.json().data.notificationPrefs).toEqual(prefs);
    const partial = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { notificationPrefs: { caseStatus: false } } });
    expect(partial.json().data.notificationPrefs).toEqual({ ...prefs, caseStatus: false });
    const unknown = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { notificationPrefs: { newsletter: true } } });
    expect(unknown.statusCode).toBe(400);
    const empty = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { notificationPrefs: {} } });
    expect(empty.statusCode).toBe(400);
  });

  it('changes the password with the current one and ends the other sessions, not this one', async () => {
    const { user } = await buildMember(t.db);
    const here = await loginAs(t, user);
    const elsewhere = await loginAs(t, user);
    const wrong = await t.request({ method: 'POST', url: '/api/v1/me/password', cookie: here, payload: { currentPassword: 'not it at all', newPassword: 'a new long passphrase' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'body.currentPassword', code: 'wrong_password' });
    const weak = await t.request({ method: 'POST', url: '/api/v1/me/password', cookie: here, payload: { currentPassword: TEST_PASSWORD, newPassword: '123qweasdzxc' } });
    expect(weak.json().errors[0]).toMatchObject({ path: 'body.newPassword', code: 'password_common' });
    const ok = await t.request({ method: 'POST', url: '/api/v1/me/password', cookie: here, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a new long passphrase' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: here })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: elsewhere })).statusCode).toBe(401);
    expect((await lastMailTo(t, user.email)).mail.subject).toBe('Ihr Kennwort wurde geändert');
  });

  it('changes the email only once the new address confirms it, and tells the old one', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const taken = (await buildMember(t.db)).user.email;
    expect((await t.request({ method: 'POST', url: '/api/v1/me/email', cookie, payload: { newEmail: taken, currentPassword: TEST_PASSWORD } })).statusCode).toBe(409);
    const res = await t.request({ method: 'POST', url: '/api/v1/me/email', cookie, payload: { newEmail: 'Moved@Example.test', currentPassword: TEST_PASSWORD } });
    expect(res.statusCode).toBe(202);
    expect((await lastMailTo(t, user.email)).mail.subject).toContain('E-Mail-Adresse');
    const { token } = await lastMailTo(t, 'moved@example.test');
    const pending = (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data;
    expect(pending.user.email).toBe(user.email);
    expect(pending.pendingEmail.email).toBe('moved@example.test');
    expect(Date.parse(pending.pendingEmail.expiresAt)).toBeGreaterThan(Date.now());
    const confirmed = await t.request({ method: 'POST', url: `/api/v1/email-changes/${token}` });
    expect(confirmed.json().data.email).toBe('moved@example.test');
    const after = (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data;
    expect(after.user.email).toBe('moved@example.test');
    expect(after.pendingEmail).toBeNull();
    expect((await t.request({ method: 'POST', url: `/api/v1/email-changes/${token}` })).statusCode).toBe(410);
  });
});

describe('a pending email change', () => {
  it('is the newest request: asking again replaces the address waiting for confirmation', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await t.request({ method: 'POST', url: '/api/v1/me/email', cookie, payload: { newEmail: 'first@example.test', currentPassword: TEST_PASSWORD } });
    await t.request({ method: 'POST', url: '/api/v1/me/email', cookie, payload: { newEmail: 'second@example.test', currentPassword: TEST_PASSWORD } });
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data.pendingEmail.email).toBe('second@example.test');
  });

  it('is gone once its link has expired', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await t.request({ method: 'POST', url: '/api/v1/me/email', cookie, payload: { newEmail: 'expiring@example.test', currentPassword: TEST_PASSWORD } });
    await t.db.updateTable('user_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).where('kind', '=', 'email_change').execute();
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data.pendingEmail).toBeNull();
  });
});

describe('sessions', () => {
  it('lists the user’s sessions with device, IP and last seen, and ends one or all others', async () => {
    const { user } = await buildMember(t.db);
    const a = await loginAs(t, user);
    const b = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' } });
    const bCookie = `portico_session=${b.cookies[0]!.value}`;
    await loginAs(t, user);
    const list = (await t.request({ method: 'GET', url: '/api/v1/me/sessions', cookie: a })).json().data;
    expect(list).toHaveLength(3);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phone = list.find((s: { userAgent: string | null }) => s.userAgent?.includes('iPhone'));
    expect(phone.ip).toBeTruthy();
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/sessions/${phone.id}`, cookie: a })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: bCookie })).statusCode).toBe(401);
    expect((await t.request({ method: 'DELETE', url: '/api/v1/me/sessions', cookie: a })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/sessions', cookie: a })).json().data).toHaveLength(1);
  });

  it('cannot end another user’s session', async () => {
    const mine = await loginAs(t, (await buildMember(t.db)).user);
    const other = (await buildMember(t.db)).user;
    const otherCookie = await loginAs(t, other);
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/me/sessions', cookie: otherCookie })).json().data[0].id;
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/sessions/${theirs}`, cookie: mine })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: otherCookie })).statusCode).toBe(200);
  });
});

describe('account activity', () => {
  it('filters by user, action and date, and exports CSV with formulas neutralised', async () => {
    const { user: admin, account } = await buildMember(t.db, { role: 'admin' });
    const { user: member } = await buildMember(t.db, { account, role: 'member', name: '=HYPERLINK("x")' });
    await loginAs(t, member);
    const cookie = await loginAs(t, admin);
    const byUser = (await t.request({ method: 'GET', url: `/api/v1/account/activity?userId=${member.id}`, cookie })).json().data;
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((e: { actor: { id: string } }) => e.actor.id === member.id)).toBe(true);
    const logins = (await t.request({ method: 'GET', url: '/api/v1/account/activity?action=auth.login', cookie })).json().data;
    expect(logins).toHaveLength(2);
    const prefix = (await t.request({ method: 'GET', url: '/api/v1/account/activity?action=auth.', cookie })).json().data;
    expect(prefix.length).toBeGreaterThanOrEqual(2);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await t.request({ method: 'GET', url: `/api/v1/account/activity?from=${tomorrow}`, cookie })).json().data).toHaveLength(0);
    const bad = await t.request({ method: 'GET', url: '/api/v1/account/activity?from=yesterday', cookie });
    expect(bad.statusCode).toBe(400);

    const csv = await t.request({ method: 'GET', url: '/api/v1/account/activity?format=csv', cookie });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="activity-/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('at,action,actor_name,actor_email,target_type,target_id,ip,data');
    expect(lines.length).toBe(1 + (await t.db.selectFrom('audit_events').select('id').where('account_id', '=', account.id).execute()).length);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body).not.toMatch(/,=HYPERLINK/);
  });
});

describe('staff console', () => {
  it('a staff admin creates an account with its first admin, who is invited by mail', async () => {
    const { user } = await buildStaff(t.db, { staffRole: 'admin' });
    const cookie = await loginAs(t, user);
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/staff/accounts',
      cookie,
      payload: { name: 'Neukunde GmbH', locale: 'de', currency: 'CHF', admin: { email: 'chefin@neukunde.example', name: 'Chefin' } },
    });
    expect(res.statusCode).toBe(201);
    const { account, admin } = res.json().data;
    expect(account.number).toMatch(/^\d{6}$/);
    const { token } = await lastMailTo(t, 'chefin@neukunde.example');
    const accepted = await t.request({ method: 'POST', url: `/api/v1/invitations/${token}`, payload: { name: 'Chefin', password: 'the new admin passphrase' } });
    expect(accepted.json().data).toMatchObject({ user: { id: admin.id }, account: { id: account.id }, membership: { role: 'admin' } });

    // The console's pickers find it by name or number, and name it by id for a bookmarked filter.
    const byName = (await t.request({ method: 'GET', url: '/api/v1/staff/accounts?q=neukunde', cookie })).json().data;
    expect(byName.map((a: { id: string }) => a.id)).toEqual([account.id]);
    const byId = (await t.request({ method: 'GET', url: `/api/v1/staff/accounts?id=${account.id}&limit=1`, cookie })).json().data;
    // With its currency and language, which a new invoice in the console starts with.
    expect(byId).toEqual([expect.objectContaining({ id: account.id, name: 'Neukunde GmbH', number: account.number, currency: 'CHF', locale: 'de' })]);
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/accounts?id=acc_nosuchaccount', cookie })).json().data).toEqual([]);
  });

  it('a staff admin lists and creates staff users; an agent may not', async () => {
    const { user } = await buildStaff(t.db, { staffRole: 'admin' });
    const cookie = await loginAs(t, user);
    const created = await t.request({ method: 'POST', url: '/api/v1/staff/users', cookie, payload: { email: 'new.agent@portico.test', name: 'New Agent', staffRole: 'billing' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().data).toMatchObject({ staffRole: 'billing', status: 'invited' });
    const dup = await t.request({ method: 'POST', url: '/api/v1/staff/users', cookie, payload: { email: 'NEW.agent@portico.test', name: 'Dup', staffRole: 'agent' } });
    expect(dup.statusCode).toBe(409);
    const list = (await t.request({ method: 'GET', url: '/api/v1/staff/users', cookie })).json().data;
    expect(list.map((u: { email: string }) => u.email)).toContain('new.agent@portico.test');
    const agent = await loginAs(t, (await buildStaff(t.db, { staffRole: 'agent' })).user);
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/users', cookie: agent })).statusCode).toBe(403);
  });
});
