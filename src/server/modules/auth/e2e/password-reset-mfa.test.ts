import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildStaff, lastMailTo, loginAs, TEST_PASSWORD } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password = TEST_PASSWORD) => t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'portico_session');
  return c ? `${c.name}=${c.value}` : '';
};

/** Enrols TOTP for the signed-in user; returns the secret and the recovery codes. */
async function enrol(cookie: string) {
  const start = await t.request({ method: 'POST', url: '/api/v1/me/mfa/totp', cookie });
  expect(start.statusCode).toBe(200);
  const { secret, qrSvg, otpauthUrl } = start.json().data;
  expect(qrSvg).toContain('<svg');
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Portico:/);
  const confirm = await t.request({ method: 'POST', url: '/api/v1/me/mfa/totp/confirm', cookie, payload: { code: await generate({ secret }) } });
  expect(confirm.statusCode).toBe(200);
  return { secret, recoveryCodes: confirm.json().data.recoveryCodes as string[] };
}

describe('password reset', () => {
  it('answers the same for known and unknown addresses and mails a link built from PUBLIC_URL', async () => {
    const { user } = await buildMember(t.db);
    const known = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email }, headers: { host: 'evil.example' } });
    const unknown = await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'nobody-here@example.test' } });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const { link } = await lastMailTo(t, user.email);
    expect(link).toMatch(/^http:\/\/portico\.test\/password-reset\//);
    expect(await t.db.selectFrom('mails').select('id').where('to_address', '=', 'nobody-here@example.test').execute()).toHaveLength(0);
  });

  it('sets a new password once, ends every session, and the old password stops working', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } });
    const { token } = await lastMailTo(t, user.email);
    const weak = await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const ok = await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password: 'my brand new passphrase' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie })).statusCode).toBe(401);
    expect((await login(user.email)).statusCode).toBe(401);
    expect((await login(user.email, 'my brand new passphrase')).statusCode).toBe(200);
    const again = await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password: 'yet another passphrase' } });
    expect(again.json().code).toBe('token.used');
  });

  it('answers a malformed reset or email-change link like an unknown one (404)', async () => {
    for (const bad of ['x', 'short', '%20', 'a'.repeat(90)]) {
      const reset = await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${bad}`, payload: { password: 'my brand new passphrase' } });
      expect(reset.statusCode, bad).toBe(404);
      const change = await t.request({ method: 'POST', url: `/api/v1/email-changes/${bad}` });
      expect(change.statusCode, bad).toBe(404);
    }
  });

  it('expires after an hour', async () => {
    const { user } = await buildMember(t.db);
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } });
    const { token } = await lastMailTo(t, user.email);
    await t.db.updateTable('user_tokens').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('kind', '=', 'password_reset').execute();
    const res = await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password: 'my brand new passphrase' } });
    expect(res.json().code).toBe('token.expired');
  });

  it('is rate-limited per address', async () => {
    const { user } = await buildMember(t.db);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } })).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('does not bypass MFA: after a reset the next sign-in still asks for the code', async () => {
    const { user } = await buildMember(t.db);
    await enrol(await loginAs(t, user));
    await t.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: user.email } });
    const { token } = await lastMailTo(t, user.email);
    await t.request({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password: 'my brand new passphrase' } });
    const res = await login(user.email, 'my brand new passphrase');
    expect(res.json()).toEqual({ data: null, mfaRequired: true });
  });
});

describe('two-factor authentication', () => {
  it('enrols TOTP, then sign-in needs the code; the half session can do nothing else', async () => {
    const { user } = await buildMember(t.db, { role: 'admin' });
    const { secret, recoveryCodes } = await enrol(await loginAs(t, user));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await t.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

    const first = await login(user.email);
    expect(first.json()).toEqual({ data: null, mfaRequired: true });
    const half = cookieOf(first);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: half })).statusCode).toBe(401);

    // The enrolment consumed the current time step: wait for the next code to avoid the replay guard.
    await t.db.updateTable('users').set({ mfa_last_step: 0 }).where('id', '=', user.id).execute();
    const code = await generate({ secret });
    const done = await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: half, payload: { code } });
    expect(done.statusCode).toBe(200);
    expect(done.json().data.mfa).toMatchObject({ enabled: true });
    const full = cookieOf(done);
    expect(full).not.toBe(half);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: full })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie: half })).statusCode).toBe(401);

    const replay = await login(user.email);
    const again = await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: cookieOf(replay), payload: { code } });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('auth.invalid_mfa_code');
  });

  it('accepts a recovery code once', async () => {
    const { user } = await buildMember(t.db);
    const { recoveryCodes } = await enrol(await loginAs(t, user));
    const code = recoveryCodes[3]!;
    const ok = await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: cookieOf(await login(user.email)), payload: { code: code.toUpperCase() } });
    expect(ok.statusCode).toBe(200);
    const reuse = await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: cookieOf(await login(user.email)), payload: { code } });
    expect(reuse.statusCode).toBe(401);
    const status = await t.request({ method: 'GET', url: '/api/v1/me/mfa', cookie: cookieOf(ok) });
    expect(status.json().data.recoveryCodesLeft).toBe(9);
  });

  it('ends the attempt after five wrong codes', async () => {
    const { user } = await buildMember(t.db);
    await enrol(await loginAs(t, user));
    const half = cookieOf(await login(user.email));
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: half, payload: { code: '000000' } })).json().code);
    expect(codes.slice(0, 4).every((c) => c === 'auth.invalid_mfa_code')).toBe(true);
    expect(codes[4]).toBe('auth.mfa_attempts_exceeded');
    const after = await t.request({ method: 'POST', url: '/api/v1/auth/mfa', cookie: half, payload: { code: '000000' } });
    expect(after.json().code).toBe('auth.unauthenticated');
    const events = await t.db.selectFrom('audit_events').select('action').where('actor_user_id', '=', user.id).where('action', '=', 'auth.mfa_failed').execute();
    expect(events).toHaveLength(5);
  });

  it('an admin can require MFA: users without it must set it up before anything else', async () => {
    const { user: admin, account } = await buildMember(t.db, { role: 'admin' });
    const { user } = await buildMember(t.db, { account, role: 'member' });
    const adminCookie = await loginAs(t, admin);
    const on = await t.request({ method: 'PUT', url: '/api/v1/account/security', cookie: adminCookie, payload: { requireMfa: true } });
    expect(on.json().data.requireMfa).toBe(true);
    const cookie = await loginAs(t, user);
    const me = (await t.request({ method: 'GET', url: '/api/v1/me', cookie })).json().data;
    expect(me.mfa).toEqual({ enabled: false, enrollmentRequired: true, demanded: true });
    const blocked = await t.request({ method: 'GET', url: '/api/v1/account/activity', cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.mfa_enrollment_required');
    await enrol(cookie);
    expect((await t.request({ method: 'GET', url: '/api/v1/account/activity', cookie })).statusCode).toBe(200);
    const off = await t.request({ method: 'DELETE', url: '/api/v1/me/mfa', cookie, payload: { password: TEST_PASSWORD } });
    expect(off.json().code).toBe('mfa.required_by_policy');
  });

  it('makes staff enrol when the staff policy demands it, except MFA-exempt users', async () => {
    const strict = await createTestApp({ env: { STAFF_MFA_REQUIRED: 'true' } });
    try {
      const { user } = await buildStaff(strict.db, { staffRole: 'admin' });
      const cookie = await loginAs(strict, user);
      expect((await strict.request({ method: 'GET', url: '/api/v1/staff/accounts', cookie })).json().code).toBe('auth.mfa_enrollment_required');
      await strict.db.updateTable('users').set({ mfa_exempt: true }).where('id', '=', user.id).execute();
      expect((await strict.request({ method: 'GET', url: '/api/v1/staff/accounts', cookie })).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('refuses a wrong code at enrolment and turning MFA off without the password', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await t.request({ method: 'POST', url: '/api/v1/me/mfa/totp', cookie });
    const wrong = await t.request({ method: 'POST', url: '/api/v1/me/mfa/totp/confirm', cookie, payload: { code: '12345a' } });
    expect(wrong.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/mfa', cookie })).json().data.enabled).toBe(false);
    await enrol(cookie);
    const noPw = await t.request({ method: 'DELETE', url: '/api/v1/me/mfa', cookie, payload: { password: 'wrong wrong wrong' } });
    expect(noPw.statusCode).toBe(400);
    const off = await t.request({ method: 'DELETE', url: '/api/v1/me/mfa', cookie, payload: { password: TEST_PASSWORD } });
    expect(off.statusCode).toBe(204);
    expect((await login(user.email)).json().mfaRequired).toBe(false);
  });
});
