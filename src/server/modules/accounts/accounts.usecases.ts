import type { CustomerActor, StaffActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { errors } from '../../app/errors.js';
import { preconditionFailed } from '../../app/etag.js';
import type { AccountPatch } from '../invoices/invoices.schemas.js';
import { checkVatId } from '../invoices/vat-id.js';
import type { Locale } from '../../app/mail-templates.js';
import type { AppDeps } from '../../app/types.js';
import { inviteAccountUser } from '../users/account-users.usecases.js';
import { type AccountBilling, type AccountWithBilling, createAccountsRepository } from './accounts.repository.js';

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

const vatMessages = {
  unknown_country: 'The VAT id must start with its country code (DE, AT, FR, … — Greece: EL)',
  format: "The VAT id does not have its country's format",
  country_mismatch: "The VAT id's country is not the billing address's country",
} as const;

/**
 * Kontodaten: billing and shipping address, billing contact, VAT id and purchase-order reference,
 * by an admin or billing user; If-Match guarded and audited. Invoices already issued keep the
 * snapshot they were issued with: nothing here touches them.
 */
export async function updateAccountBilling({
  deps,
  actor,
  expectedVersion,
  patch,
  ip,
}: {
  deps: AppDeps;
  actor: CustomerActor & { accountId: string };
  expectedVersion: number;
  patch: AccountPatch;
  ip: string;
}): Promise<AccountWithBilling> {
  const repo = createAccountsRepository({ db: deps.db });
  const account = await repo.findAccountWithBilling(actor.accountId);
  if (!account) throw errors.notFound();
  if (account.version !== expectedVersion) throw preconditionFailed();
  const before = account.billing;
  const after: AccountBilling = {
    billingAddress: patch.billingAddress !== undefined ? patch.billingAddress : before.billingAddress,
    shippingAddress: patch.shippingAddress !== undefined ? patch.shippingAddress : before.shippingAddress,
    billingContact: patch.billingContact !== undefined ? patch.billingContact : before.billingContact,
    vatId: patch.vatId !== undefined ? patch.vatId || null : before.vatId,
    poReference: patch.poReference !== undefined ? patch.poReference || null : before.poReference,
  };
  if (after.vatId && (patch.vatId !== undefined || patch.billingAddress !== undefined)) {
    const check = checkVatId(after.vatId, after.billingAddress?.country);
    if (!check.ok) {
      throw errors.validation({ errors: [{ path: 'body.vatId', code: `vat_id_${check.reason}`, message: vatMessages[check.reason] }] });
    }
    after.vatId = check.normalized;
  }
  const fields = (Object.keys(after) as (keyof AccountBilling)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  if (!fields.length) return account;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await createAccountsRepository({ db: trx }).updateBilling(actor.accountId, expectedVersion, after))) throw preconditionFailed();
    await recordAuditEvent(trx, {
      accountId: actor.accountId, actorUserId: actor.userId, action: 'account.billing_updated', targetType: 'account', targetId: actor.accountId,
      data: { fields }, ip,
    });
  });
  return (await repo.findAccountWithBilling(actor.accountId))!;
}
