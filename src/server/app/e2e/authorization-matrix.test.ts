import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../mail.js';
import { buildAccount, buildMember, buildStaff, loginAs } from '../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Every registered route × every kind of actor → the status it must answer (DESIGN §4, STYLE 13).
 * "own account" is account A; `otherAdmin` is the admin of account B. A route without a row fails.
 */
const ACTORS = ['anonymous', 'member', 'keyManager', 'admin', 'otherAdmin', 'agent', 'staffBilling', 'release', 'staffAdmin'] as const;
type ActorName = (typeof ACTORS)[number];
type Expect = Record<ActorName, number>;

interface Fixture {
  accountA: string;
  mailId: string;
}

interface Row {
  method: string;
  url: string;
  request?: (f: Fixture) => { url?: string; payload?: unknown };
  expect: Expect;
}

const all = (status: number): Expect => Object.fromEntries(ACTORS.map((a) => [a, status])) as Expect;
const signedIn = (status: number, overrides: Partial<Expect> = {}): Expect => ({ ...all(status), anonymous: 401, ...overrides });

const MATRIX: Row[] = [
  { method: 'GET', url: '/healthz', expect: all(200) },
  { method: 'GET', url: '/readyz', expect: all(200) },
  { method: 'GET', url: '/api/docs', expect: all(200) },
  { method: 'GET', url: '/api/docs/json', expect: all(200) },
  { method: 'GET', url: '/api/docs/yaml', expect: all(200) },
  { method: 'GET', url: '/api/docs/static/index.html', expect: all(302) },
  { method: 'GET', url: '/api/docs/static/swagger-initializer.js', expect: all(200) },
  { method: 'GET', url: '/api/docs/static/*', request: () => ({ url: '/api/docs/static/swagger-ui.css' }), expect: all(200) },
  { method: 'GET', url: '/api/v1/meta', expect: all(200) },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    request: () => ({ payload: { email: 'nobody@example.test', password: 'wrong password' } }),
    expect: all(401),
  },
  { method: 'POST', url: '/api/v1/auth/logout', expect: all(204) },
  { method: 'GET', url: '/api/v1/me', expect: signedIn(200) },
  { method: 'PATCH', url: '/api/v1/me', request: () => ({ payload: { locale: 'de' } }), expect: signedIn(200) },
  {
    method: 'POST',
    url: '/api/v1/me/account',
    request: (f) => ({ payload: { accountId: f.accountA } }),
    expect: signedIn(404, { member: 200, keyManager: 200, admin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/account/activity',
    expect: signedIn(403, { admin: 200, otherAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/accounts',
    expect: signedIn(404, { agent: 200, staffBilling: 200, staffAdmin: 200, release: 403 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/outbox',
    expect: signedIn(404, { agent: 403, staffBilling: 403, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/outbox/:mailId',
    request: (f) => ({ url: `/api/v1/staff/outbox/${f.mailId}` }),
    expect: signedIn(404, { agent: 403, staffBilling: 403, release: 403, staffAdmin: 200 }),
  },
];

let t: TestApp;
let fixture: Fixture;
const cookies = {} as Record<ActorName, string | undefined>;

beforeAll(async () => {
  t = await createTestApp();
  const accountA = await buildAccount(t.db, { name: 'Account A' });
  const accountB = await buildAccount(t.db, { name: 'Account B' });
  const users = {
    member: (await buildMember(t.db, { account: accountA, role: 'member' })).user,
    keyManager: (await buildMember(t.db, { account: accountA, role: 'key_manager' })).user,
    admin: (await buildMember(t.db, { account: accountA, role: 'admin' })).user,
    otherAdmin: (await buildMember(t.db, { account: accountB, role: 'admin' })).user,
    agent: (await buildStaff(t.db, { staffRole: 'agent' })).user,
    staffBilling: (await buildStaff(t.db, { staffRole: 'billing' })).user,
    release: (await buildStaff(t.db, { staffRole: 'release' })).user,
    staffAdmin: (await buildStaff(t.db, { staffRole: 'admin' })).user,
  };
  const { mailId } = await queueMail(t.db, { mail: { to: 'x@example.test', subject: 'Matrix', text: 'x' }, deliver: false });
  fixture = { accountA: accountA.id, mailId };
  for (const [name, user] of Object.entries(users)) cookies[name as ActorName] = await loginAs(t, user);
});
afterAll(() => t.close());

describe('authorization matrix', () => {
  it('has a row for every registered route', () => {
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.url}`));
    const missing = t.app.routeList.map((r) => `${r.method} ${r.url}`).filter((k) => !covered.has(k));
    expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
  });

  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      // logout would end the session other rows still need; it runs last, below.
      if (row.url === '/api/v1/auth/logout') continue;
      it(`${row.method} ${row.url} as ${actor} → ${row.expect[actor]}`, async () => {
        const req = row.request?.(fixture) ?? {};
        const res = await t.request({
          method: row.method as 'GET',
          url: req.url ?? row.url,
          ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
          ...(cookies[actor] ? { cookie: cookies[actor] } : {}),
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(row.expect[actor]);
      });
    }
  }

  it('POST /api/v1/auth/logout answers every actor with 204', async () => {
    const row = MATRIX.find((r) => r.url === '/api/v1/auth/logout')!;
    for (const actor of ACTORS) {
      const res = await t.request({ method: 'POST', url: row.url, ...(cookies[actor] ? { cookie: cookies[actor] } : {}) });
      expect(res.statusCode, actor).toBe(row.expect[actor]);
    }
  });
});
