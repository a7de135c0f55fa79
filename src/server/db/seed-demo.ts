import type { CustomerRole, StaffRole } from '../app/auth/permissions.js';
import type { Db, Dialect } from '../app/db.js';
import { recordAuditEvent } from '../app/audit.js';
import { createAccountsRepository } from '../modules/accounts/accounts.repository.js';
import { hashPassword } from '../modules/auth/password.js';
import { createUsersRepository } from '../modules/users/users.repository.js';
import { seedDemoCases } from './seed-demo-cases.js';
import { seedDemoInvoices } from './seed-demo-invoices.js';
import { seedDemoKeys } from './seed-demo-keys.js';
import { seedDemoReleases } from './seed-demo-releases.js';
import type { FilesConfig } from '../app/config.js';
import { createFileStorage } from '../modules/files/storage.js';

export const DEMO_PASSWORD = 'portico-demo';
export const DEMO_ACCOUNT_NAME = 'Beispiel Analytics GmbH';

type DemoLogin = { email: string; name: string; label: string } & (
  | { kind: 'customer'; role: CustomerRole; caseAdmin?: boolean; billing?: boolean; downloads?: boolean }
  | { kind: 'staff'; staffRole: StaffRole }
);

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'admin@beispiel.example', name: 'Anna Admin', label: 'Administrator', kind: 'customer', role: 'admin', billing: true, downloads: true },
  { email: 'keys@beispiel.example', name: 'Karl Schlüssel', label: 'Key manager', kind: 'customer', role: 'key_manager', downloads: true },
  { email: 'member@beispiel.example', name: 'Mia Mitglied', label: 'Member', kind: 'customer', role: 'member' },
  { email: 'agent@portico.example', name: 'Sam Support', label: 'Staff: support agent', kind: 'staff', staffRole: 'agent' },
  { email: 'staff-admin@portico.example', name: 'Alex Staff-Admin', label: 'Staff: administrator', kind: 'staff', staffRole: 'admin' },
];

/**
 * Seeds the demo account and its logins once; a database that already has users is left alone.
 * Returns whether anything was written.
 */
export async function seedDemoData(db: Db, dialect: Dialect, { files }: { files: FilesConfig }): Promise<boolean> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The release centre's demo files go where the configured storage keeps release files.
  const storage = createFileStorage(files);
  await db.transaction().execute(async (trx) => {
    const accounts = createAccountsRepository({ db: trx });
    const users = createUsersRepository({ db: trx });
    const account = await accounts.insertAccount({ name: DEMO_ACCOUNT_NAME, currency: 'EUR', locale: 'de' });
    // A second account lets the demo show account switching and tenant isolation.
    const second = await accounts.insertAccount({ name: 'Nordlicht Software AG', currency: 'EUR', locale: 'de' });
    const made: Record<string, { id: string; name: string; email: string; membershipId?: string }> = {};
    for (const login of DEMO_LOGINS) {
      const user = await users.insertUser({
        email: login.email,
        name: login.name,
        passwordHash,
        kind: login.kind,
        staffRole: login.kind === 'staff' ? login.staffRole : null,
        // The demo logins must work without an authenticator app, also where staff MFA is enforced.
        mfaExempt: true,
      });
      made[login.email] = { id: user.id, name: user.name, email: user.email };
      if (login.kind === 'customer') {
        const { id: membershipId } = await users.insertMembership({
          accountId: account.id,
          userId: user.id,
          role: login.role,
          caseAdmin: login.caseAdmin ?? false,
          billing: login.billing ?? false,
          downloads: login.downloads ?? false,
        });
        made[login.email]!.membershipId = membershipId;
        if (login.role === 'admin') await users.insertMembership({ accountId: second.id, userId: user.id, role: 'member' });
      }
    }
    const nordlichtAdmin = await users.insertUser({ email: 'admin@nordlicht.example', name: 'Nora Nordlicht', passwordHash, kind: 'customer' });
    await users.insertMembership({ accountId: second.id, userId: nordlichtAdmin.id, role: 'admin' });
    await recordAuditEvent(trx, { accountId: account.id, actorUserId: null, action: 'account.created', targetType: 'account', targetId: account.id, data: { demo: true } });
    const member = made['member@beispiel.example']!;
    const keyManager = made['keys@beispiel.example']!;
    await seedDemoKeys(trx, { accountId: account.id, otherAccountId: second.id, keyManagerMembershipId: keyManager.membershipId!, member, keyManager });
    await seedDemoCases(trx, dialect, {
      accountId: account.id, otherAccountId: second.id, member, keyManager, admin: made['admin@beispiel.example']!, nordlicht: nordlichtAdmin,
      agent: made['agent@portico.example']!, staffAdmin: made['staff-admin@portico.example']!,
    });
    // Anna Admin (admin, billing flag) reads the invoices; the staff administrator works them in the console.
    await seedDemoInvoices(trx, { accountId: account.id, otherAccountId: second.id, staffUserId: made['staff-admin@portico.example']!.id });
    // Releases over several versions and channels with small real files; the staff administrator published them.
    await seedDemoReleases(trx, storage, { releaseUserId: made['staff-admin@portico.example']!.id });
  }).finally(() => storage.close());
  return true;
}
