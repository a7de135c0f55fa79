import type { CustomerActor, StaffActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import type { Locale } from '../../app/mail-templates.js';
import type { AppDeps } from '../../app/types.js';
import { inviteAccountUser } from '../users/account-users.usecases.js';
import { createAccountsRepository } from './accounts.repository.js';

/** Staff create a customer account together with its first admin, who is invited by mail. */
export async function createAccountWithAdmin({
  deps,
  actor,
  input,
  ip,
}: {
  deps: AppDeps;
  actor: StaffActor;
  input: { name: string; currency: string; locale: Locale; admin: { email: string; name: string; locale?: Locale } };
  ip: string;
}) {
  return deps.db.transaction().execute(async (trx) => {
    const account = await createAccountsRepository({ db: trx }).insertAccount({ name: input.name, currency: input.currency, locale: input.locale });
    await recordAuditEvent(trx, { accountId: account.id, actorUserId: actor.userId, action: 'account.created', targetType: 'account', targetId: account.id, data: { name: input.name }, ip });
    const { user } = await inviteAccountUser({
      deps: { ...deps, db: trx },
      actor: { userId: actor.userId, accountId: account.id },
      input: { ...input.admin, role: 'admin', caseAdmin: false, billing: true, downloads: true, keyGroupIds: [] },
      ip,
    });
    return { account, admin: user };
  });
}

/** An account admin turns "MFA for every user" on or off. */
export async function setAccountRequiresMfa({ deps, actor, requireMfa, ip }: { deps: AppDeps; actor: CustomerActor & { accountId: string }; requireMfa: boolean; ip: string }) {
  await deps.db.transaction().execute(async (trx) => {
    await createAccountsRepository({ db: trx }).setRequireMfa(actor.accountId, requireMfa);
    await recordAuditEvent(trx, { accountId: actor.accountId, actorUserId: actor.userId, action: requireMfa ? 'account.mfa_required' : 'account.mfa_optional', targetType: 'account', targetId: actor.accountId, ip });
  });
}
