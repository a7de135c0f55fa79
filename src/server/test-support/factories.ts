import crypto from 'node:crypto';
import type { CustomerRole, StaffRole } from '../app/auth/permissions.js';
import type { Db } from '../app/db.js';
import { createAccountsRepository, type Account } from '../modules/accounts/accounts.repository.js';
import { hashPassword } from '../modules/auth/password.js';
import { createUsersRepository, type User } from '../modules/users/users.repository.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

const unique = () => crypto.randomBytes(4).toString('hex');

export async function buildAccount(db: Db, input: { name?: string } = {}): Promise<Account> {
  return createAccountsRepository({ db }).insertAccount({ name: input.name ?? `Test Account ${unique()}` });
}

/** A customer user with a membership in `account` (a new account when none is given). */
export async function buildMember(
  db: Db,
  input: {
    account?: Account;
    role?: CustomerRole;
    caseAdmin?: boolean;
    billing?: boolean;
    downloads?: boolean;
    email?: string;
    name?: string;
    status?: User['status'];
  } = {},
): Promise<{ user: User; account: Account }> {
  const account = input.account ?? (await buildAccount(db));
  const users = createUsersRepository({ db });
  const user = await users.insertUser({
    email: input.email ?? `${input.role ?? 'member'}-${unique()}@example.test`,
    name: input.name ?? 'Test User',
    passwordHash: await testPasswordHash(),
    kind: 'customer',
    status: input.status ?? 'active',
  });
  await users.insertMembership({
    accountId: account.id,
    userId: user.id,
    role: input.role ?? 'member',
    caseAdmin: input.caseAdmin,
    billing: input.billing,
    downloads: input.downloads,
  });
  return { user, account };
}

export async function buildStaff(db: Db, input: { staffRole?: StaffRole; email?: string } = {}): Promise<{ user: User }> {
  const user = await createUsersRepository({ db }).insertUser({
    email: input.email ?? `staff-${unique()}@portico.test`,
    name: 'Staff User',
    passwordHash: await testPasswordHash(),
    kind: 'staff',
    staffRole: input.staffRole ?? 'agent',
  });
  return { user };
}

/** Signs in through the real login route and returns the Cookie header for later requests. */
export async function loginAs(t: TestApp, user: { email: string }, password = TEST_PASSWORD): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${user.email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === t.config.session.cookieName);
  if (!cookie) throw new Error('login set no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** The newest mail to `to` in the outbox, and the first Portico link in it. */
export async function lastMailTo(t: TestApp, to: string) {
  const mail = await t.db
    .selectFrom('mails')
    .selectAll()
    .where('to_address', '=', to.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!mail) throw new Error(`no mail to ${to}`);
  const link = mail.text_body.match(/https?:\/\/\S+\/(invitation|password-reset|confirm-email)\/([A-Za-z0-9_-]+)/);
  return { mail, link: link?.[0] ?? null, token: link?.[2] ?? null };
}
