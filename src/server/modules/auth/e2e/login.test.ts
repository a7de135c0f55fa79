import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildStaff, loginAs, TEST_PASSWORD } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { createUsersRepository } from '../../users/users.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_IP: '20' } });
});
afterAll(() => t.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

describe('login', () => {
  it('signs a member in, sets an HttpOnly SameSite=Lax cookie with a 256-bit token and returns /me', async () => {
    const { user, account } = await buildMember(t.db, { role: 'admin' });
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'portico_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(Buffer.from(cookie!.value, 'base64url').length).toBeGreaterThanOrEqual(32);
    const me = res.json().data;
    expect(me.user.email).toBe(user.email);
    expect(me.account.id).toBe(account.id);
    expect(me.membership.role).toBe('admin');
    expect(res.body).not.toContain('password');
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const { user } = await buildMember(t.db);
    const res = await login(`  ${user.email.toUpperCase()} `, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
  });

  it('opens a new session at every login and stores only a hash of the token', async () => {
    const { user } = await buildMember(t.db);
    const a = await loginAs(t, user);
    const b = await loginAs(t, user);
    expect(a).not.toBe(b);
    const rows = await t.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(a).not.toContain(r.token_hash);
      expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('answers a wrong password and an unknown email with the same generic 401', async () => {
    const { user } = await buildMember(t.db);
    const wrong = await login(user.email, 'not the password at all');
    const unknown = await login(`nobody-${Date.now()}@example.test`, 'whatever password');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 401, code: 'auth.invalid_credentials' });
    }
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('refuses a disabled user with the same 401 and ends their sessions', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await createUsersRepository({ db: t.db }).setUserStatus(user.id, 'disabled');
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.statusCode).toBe(401);
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.json().code).toBe('auth.invalid_credentials');
    const left = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('signs staff in without an account and with the console area', async () => {
    const { user } = await buildStaff(t.db, { staffRole: 'admin' });
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json().data;
    expect(me.account).toBeNull();
    expect(me.user.staffRole).toBe('admin');
    expect(me.areas).toContain('console');
    expect(me.abilities.viewOutbox).toBe(true);
  });

  it('rejects unknown fields and wrong types with field errors', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 42, password: 'x', extra: true } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.invalid');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.email');
    expect(paths.some((p: string) => p.includes('extra'))).toBe(true);
  });

  it('accepts a long password without truncation', async () => {
    const { hashPassword, verifyPassword } = await import('../password.js');
    const long = 'ä'.repeat(40) + 'x'.repeat(100);
    const hash = await hashPassword(long);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, long.slice(0, -1))).toBe(false);
  });
});

describe('throttling', () => {
  it('blocks an email after the configured failures, even with the right password, and says when to retry', async () => {
    const { user } = await buildMember(t.db);
    for (let i = 0; i < 5; i++) {
      const r = await login(user.email, `wrong-${i}`, { 'x-test': String(i) });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await login(user.email, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('auth.too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('blocks an unknown email the same way, so the answer reveals nothing', async () => {
    const email = `ghost-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) await login(email, 'wrong');
    expect((await login(email, 'wrong')).statusCode).toBe(429);
  });

  it('keeps the failures in the database, so another process sees them', async () => {
    const { user } = await buildMember(t.db);
    for (let i = 0; i < 5; i++) await login(user.email, 'wrong');
    const other = await createTestApp({ database: { db: t.db, dialect: t.dialect, destroy: async () => {} }, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' } });
    try {
      expect((await other.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } })).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('blocks an IP after the configured failures across many emails', async () => {
    const ipApp = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '3', TRUST_PROXY: 'true' } });
    try {
      const from = { 'x-forwarded-for': '203.0.113.9' };
      for (let i = 0; i < 3; i++) {
        await ipApp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `a${i}@x.test`, password: 'pw' }, headers: from });
      }
      const res = await ipApp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fresh@x.test', password: 'pw' }, headers: from });
      expect(res.statusCode).toBe(429);
      const elsewhere = await ipApp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fresh@x.test', password: 'pw' }, headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(elsewhere.statusCode).toBe(401);
    } finally {
      await ipApp.close();
    }
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', cookie });
    expect(out.statusCode).toBe(204);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.statusCode).toBe(401);
  });

  it('expires an idle session and says so', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const past = new Date(Date.now() - 1000).toISOString();
    await t.db.updateTable('sessions').set({ idle_expires_at: past }).where('user_id', '=', user.id).execute();
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.session_expired');
    const left = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('expires a session at its absolute deadline however active it is', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('user_id', '=', user.id).execute();
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.json().code).toBe('auth.session_expired');
  });

  it('pushes the idle deadline forward on use, never past the absolute deadline', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const longAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await t.db.updateTable('sessions').set({ last_seen_at: longAgo, idle_expires_at: soon }).where('user_id', '=', user.id).execute();
    expect((await t.request({ method: 'GET', url: '/api/v1/me', cookie })).statusCode).toBe(200);
    const s = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(Date.parse(s.idle_expires_at)).toBeGreaterThan(Date.now() + 100 * 60_000);
    expect(Date.parse(s.idle_expires_at)).toBeLessThanOrEqual(Date.parse(s.expires_at));
  });

  it('a forged or random cookie is simply unauthenticated', async () => {
    const me = await t.request({ method: 'GET', url: '/api/v1/me', cookie: 'portico_session=forged' });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.unauthenticated');
  });

  it('uses a __Host- Secure cookie and HSTS when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://portal.example.com' } });
    try {
      const { user } = await buildMember(secure.db);
      const res = await secure.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
        headers: { origin: 'https://portal.example.com' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies[0]!;
      expect(cookie.name).toBe('__Host-portico_session');
      expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true });
      expect(cookie.domain).toBeUndefined();
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });
});

describe('audit of sign-in', () => {
  it('records login, failed login and logout in the account activity', async () => {
    const { user, account } = await buildMember(t.db, { role: 'admin' });
    await login(user.email, 'wrong password!');
    const cookie = await loginAs(t, user);
    await t.request({ method: 'POST', url: '/api/v1/auth/logout', cookie });
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'data'])
      .where('account_id', '=', account.id)
      .orderBy('at')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.logout']);
    expect(events.every((e) => e.actor_user_id === user.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('wrong password!');
  });
});
