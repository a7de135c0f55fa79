import { canRunStaffReport } from '../reports/reports.policy.js';
import { REPORT_IDS } from '../reports/reports.schemas.js';
import { type AuthenticatedActor, can, type StaffActor } from '../../app/auth/actor.js';
import { visibleAreas } from '../../app/auth/permissions.js';
import type { Me } from './users.schemas.js';
import type { MembershipWithAccount, User } from './users.repository.js';

/** The signed-in user as the web app needs it: whitelisted fields, areas and abilities from the policy table. */
export function presentMe({
  user,
  actor,
  memberships,
  session,
  staffMfaRequired,
  pendingEmail = null,
  mayDownload = false,
}: {
  user: User;
  actor: AuthenticatedActor;
  memberships: MembershipWithAccount[];
  session: { expiresAt: string; idleExpiresAt: string; accountRequiresMfa?: boolean };
  staffMfaRequired?: boolean;
  pendingEmail?: { email: string; expiresAt: string } | null;
  /** Holds a key they may download for (without the downloads flag): the Downloads area shows. */
  mayDownload?: boolean;
}): Me {
  const demanded =
    (actor.kind === 'customer' && actor.accountId !== null && !!session.accountRequiresMfa) ||
    (actor.kind === 'staff' && !!staffMfaRequired && !user.mfaExempt);
  const current = actor.kind === 'customer' ? memberships.find((m) => m.accountId === actor.accountId) : undefined;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      kind: user.kind,
      staffRole: user.staffRole,
    },
    account: current ? { id: current.accountId, number: current.accountNumber, name: current.accountName } : null,
    membership: current
      ? { role: current.role, caseAdmin: current.caseAdmin, billing: current.billing, downloads: current.downloads }
      : null,
    memberships: memberships.map((m) => ({
      accountId: m.accountId,
      accountNumber: m.accountNumber,
      accountName: m.accountName,
      role: m.role,
    })),
    areas: visibleAreas(actor.permissions, mayDownload ? ['downloads'] : []),
    abilities: {
      manageUsers: can(actor, 'manage:users'),
      manageAccountSecurity: can(actor, 'manage:users'),
      manageStaff: can(actor, 'manage:staff_users'),
      switchAccount: memberships.length > 1,
      viewActivity: can(actor, 'read:account_activity'),
      viewConsole: can(actor, 'access:console'),
      viewStaffAccounts: can(actor, 'read:staff_accounts'),
      viewOutbox: can(actor, 'read:outbox'),
      createAccounts: can(actor, 'manage:accounts'),
      manageProducts: can(actor, 'manage:releases'),
      issueKeys: can(actor, 'issue:keys'),
      createCases: can(actor, 'create:cases'),
      workCases: can(actor, 'work:cases:all') || can(actor, 'work:cases:customer_service'),
      manageInvoices: actor.kind === 'staff' && can(actor, 'manage:invoices'),
      manageBilling: can(actor, 'manage:account_billing'),
      /** The console's Berichte: staff who may run at least one report across accounts. */
      runStaffReports: actor.kind === 'staff' && REPORT_IDS.some((id) => canRunStaffReport(actor as StaffActor, id)),
    },
    session: { expiresAt: session.expiresAt, idleExpiresAt: session.idleExpiresAt },
    mfa: { enabled: user.mfaEnabled, enrollmentRequired: demanded && !user.mfaEnabled, demanded },
    pendingEmail,
    notificationPrefs: user.notificationPrefs,
  };
}
