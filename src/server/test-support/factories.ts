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

/** A product with one edition. */
export async function buildProduct(db: Db, input: { code?: string; name?: string; latestVersion?: string } = {}) {
  const now = new Date().toISOString();
  const id = `prd_${unique()}${unique()}`;
  const editionId = `edn_${unique()}${unique()}`;
  await db.insertInto('products').values({ id, code: input.code ?? `product-${unique()}`, name: input.name ?? 'Test Product', latest_version: input.latestVersion ?? '2026.3', created_at: now, updated_at: now }).execute();
  await db.insertInto('editions').values({ id: editionId, product_id: id, code: 'standard', name: 'Standard', created_at: now }).execute();
  return { productId: id, editionId };
}

export async function buildKeyGroup(db: Db, accountId: string, name = `Group ${unique()}`) {
  const id = `kgr_${unique()}${unique()}`;
  const now = new Date().toISOString();
  await db.insertInto('key_groups').values({ id, account_id: accountId, name, created_at: now, updated_at: now }).execute();
  return id;
}

/** Gives a key manager's membership a key group to manage. */
export async function manageKeyGroup(db: Db, { userId, accountId, keyGroupId }: { userId: string; accountId: string; keyGroupId: string }) {
  const m = await db.selectFrom('memberships').select('id').where('user_id', '=', userId).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  await db.insertInto('membership_key_groups').values({ membership_id: m.id, key_group_id: keyGroupId }).execute();
}

/** A product key of the account (a new product when none is given). */
export async function buildKey(
  db: Db,
  input: {
    accountId: string;
    productId?: string;
    keyGroupId?: string | null;
    seats?: number;
    assignedUserId?: string | null;
    assignedName?: string | null;
    maintenanceEnd?: string | null;
    validUntil?: string | null;
    status?: 'active' | 'suspended' | 'revoked';
  },
) {
  const { generateLicenseKey } = await import('../modules/keys/key-format.js');
  const productId = input.productId ?? (await buildProduct(db)).productId;
  const id = `key_${unique()}${unique()}`;
  const licenseKey = generateLicenseKey();
  const now = new Date().toISOString();
  await db
    .insertInto('product_keys')
    .values({
      id, account_id: input.accountId, key_group_id: input.keyGroupId ?? null, product_id: productId, edition_id: null, license_key: licenseKey, seats: input.seats ?? 3,
      term: input.validUntil ? 'subscription' : 'perpetual', valid_until: input.validUntil ?? null, maintenance_start: null,
      maintenance_end: input.maintenanceEnd === undefined ? new Date(Date.now() + 365 * 86_400_000).toISOString() : input.maintenanceEnd,
      status: input.status ?? 'active', assigned_name: input.assignedName ?? null, assigned_email: null, assigned_user_id: input.assignedUserId ?? null,
      last_used_version: null, last_seen_at: null, version: 1, created_at: now, updated_at: now,
    })
    .execute();
  return { keyId: id, licenseKey, productId };
}

/** An active activation of a key on a made-up machine. */
export async function buildActivation(db: Db, keyId: string, fingerprint = `fp-${unique()}${unique()}`) {
  const id = `act_${unique()}${unique()}`;
  const now = new Date().toISOString();
  await db
    .insertInto('activations')
    .values({
      id, key_id: keyId, fingerprint, hostname: `host-${unique()}`, os: 'Linux', software_version: '2026.1', method: 'online', status: 'active', activated_at: now,
      activated_by_user_id: null, last_seen_at: now, deactivated_at: null, deactivation: null, deactivated_by_user_id: null,
    })
    .execute();
  return { activationId: id, fingerprint };
}

/** A case written straight to the database (Kundendienst unless a key is given), numbered like real ones. */
export async function buildCase(
  t: Pick<TestApp, 'db' | 'dialect'>,
  input: { accountId: string; userId: string; keyId?: string | null; subject?: string; status?: 'new' | 'in_progress' | 'waiting_on_customer' | 'solved' | 'closed' },
) {
  const { createCasesRepository } = await import('../modules/cases/cases.repository.js');
  const { reindexCase } = await import('../modules/cases/case-search.js');
  const { nextCounterValue } = await import('../app/counters.js');
  const id = `cas_${unique()}${unique()}`;
  const now = new Date().toISOString();
  await t.db.transaction().execute(async (trx) => {
    const number = String(await nextCounterValue(trx, 'case_number', 100000)).padStart(8, '0');
    await createCasesRepository({ db: trx, dialect: t.dialect }).insert(trx, {
      id, number, account_id: input.accountId, type: input.keyId ? 'technical' : 'customer_service', category: input.keyId ? null : 'other',
      subject: input.subject ?? `Case ${unique()}`, description: 'Made by a test.', product_id: null, product_version: null, operating_system: null, severity: 'p3',
      key_id: input.keyId ?? null, invoice_number: null, status: input.status ?? 'new', contact_user_id: input.userId, created_by_user_id: input.userId,
      assigned_user_id: null, related_case_id: null, first_response_due_at: now, first_responded_at: null, solved_at: null, closed_at: null,
      last_activity_at: now, created_at: now, updated_at: now,
    });
    await reindexCase(trx, t.dialect, id);
  });
  return { caseId: id };
}
