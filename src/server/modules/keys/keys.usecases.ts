import { can } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import { isUniqueViolation, nowIso } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { preconditionFailed } from '../../app/etag.js';
import type { AppDeps } from '../../app/types.js';
import { createCase } from '../cases/cases.usecases.js';
import { createAccountUsersRepository } from '../users/account-users.repository.js';
import { inviteAccountUser } from '../users/account-users.usecases.js';
import { createActivationsRepository } from './activations.repository.js';
import { createKeyGroupsRepository } from './key-groups.repository.js';
import { canManageKey, canManageKeyGroups, canViewKey, type KeyActor } from './keys.policy.js';
import { createKeysRepository, type KeyRow } from './keys.repository.js';

export const keyNotFound = createError({ code: 'key.not_found', status: 404, message: 'Product key not found' });
const activationNotFound = createError({ code: 'activation.not_found', status: 404, message: 'Activation not found' });
const keyGroupNotFound = createError({ code: 'key_group.not_found', status: 404, message: 'Key group not found' });
const keyGroupNameTaken = createError({ code: 'key_group.name_taken', status: 409, message: 'A key group with this name exists' });
const keyNotActive = createError({ code: 'key.not_active', status: 409, message: 'This key is suspended or revoked' });
const releaseCooldown = createError({ code: 'activation.release_cooldown', status: 429, message: 'A seat of this key was released a short while ago; try again later' });
const releaseLimit = createError({ code: 'activation.release_limit', status: 429, message: 'This key has reached its monthly number of releases' });

type Actor = KeyActor;

/** A key the actor may see, or 404 (never 403: existence is not revealed). */
export async function getVisibleKey({ deps, ka, keyId }: { deps: AppDeps; ka: Actor; keyId: string }): Promise<KeyRow> {
  const key = await createKeysRepository({ db: deps.db }).find({ accountId: ka.actor.accountId, keyId });
  if (!key || !canViewKey(ka, key)) throw keyNotFound();
  return key;
}

async function getManagedKey(deps: AppDeps, ka: Actor, keyId: string): Promise<KeyRow> {
  const key = await getVisibleKey({ deps, ka, keyId });
  if (!canManageKey(ka, key)) throw errors.forbidden();
  if (key.status !== 'active') throw keyNotActive();
  return key;
}

export type Assignee = { userId: string } | { name: string; email: string; inviteToPortal?: boolean } | null;

/** Resolves an assignee to stored fields; a portal user must belong to the account; may invite a new one. */
async function resolveAssignee(deps: AppDeps, ka: Actor, assignee: Assignee, ip: string) {
  if (assignee === null) return { assignedName: null, assignedEmail: null, assignedUserId: null };
  if ('userId' in assignee) {
    const member = await createAccountUsersRepository({ db: deps.db }).find({ accountId: ka.actor.accountId, userId: assignee.userId });
    if (!member || member.status === 'disabled') {
      throw errors.validation({ errors: [{ path: 'body.assignedTo.userId', code: 'unknown_user', message: 'No such user in this account' }] });
    }
    return { assignedName: member.name, assignedEmail: member.email, assignedUserId: member.userId };
  }
  if (assignee.inviteToPortal) {
    if (!can(ka.actor, 'manage:users')) throw errors.forbidden();
    const existing = await deps.db.selectFrom('users as u').innerJoin('memberships as m', 'm.user_id', 'u.id')
      .select('u.id').where('u.email', '=', assignee.email.trim().toLowerCase()).where('m.account_id', '=', ka.actor.accountId).executeTakeFirst();
    const userId = existing?.id ?? (await inviteAccountUser({ deps, actor: ka.actor, input: { email: assignee.email, name: assignee.name, role: 'member' }, ip })).user.userId;
    return { assignedName: assignee.name, assignedEmail: assignee.email.trim().toLowerCase(), assignedUserId: userId };
  }
  return { assignedName: assignee.name, assignedEmail: assignee.email.trim().toLowerCase(), assignedUserId: null };
}

async function checkTargetGroup(deps: AppDeps, ka: Actor, keyGroupId: string | null) {
  if (keyGroupId === null) {
    if (!can(ka.actor, 'manage:keys:all')) throw errors.forbidden();
    return;
  }
  const group = await createKeyGroupsRepository({ db: deps.db }).find(ka.actor.accountId, keyGroupId);
  if (!group) throw errors.validation({ errors: [{ path: 'body.keyGroupId', code: 'unknown_key_group', message: 'Unknown key group' }] });
  if (!can(ka.actor, 'manage:keys:all') && !ka.managedGroupIds.includes(keyGroupId)) throw errors.forbidden();
}

/** Assigns a key (to an end user or a portal user, or nobody) and/or moves it to a key group; If-Match guarded. */
export async function updateKey({
  deps, ka, keyId, expectedVersion, patch, ip,
}: { deps: AppDeps; ka: Actor; keyId: string; expectedVersion: number; patch: { assignedTo?: Assignee; keyGroupId?: string | null }; ip: string }) {
  const key = await getManagedKey(deps, ka, keyId);
  if (key.version !== expectedVersion) throw preconditionFailed();
  if (patch.keyGroupId !== undefined) await checkTargetGroup(deps, ka, patch.keyGroupId);
  const assignment: Partial<Awaited<ReturnType<typeof resolveAssignee>>> = patch.assignedTo !== undefined ? await resolveAssignee(deps, ka, patch.assignedTo, ip) : {};
  await deps.db.transaction().execute(async (trx) => {
    const ok = await createKeysRepository({ db: trx }).update(key.id, expectedVersion, { ...assignment, ...(patch.keyGroupId !== undefined ? { keyGroupId: patch.keyGroupId } : {}) });
    if (!ok) throw preconditionFailed();
    if (patch.assignedTo !== undefined) {
      await recordAuditEvent(trx, {
        accountId: key.accountId, actorUserId: ka.actor.userId, action: patch.assignedTo === null ? 'key.unassigned' : 'key.assigned', targetType: 'key', targetId: key.id,
        data: { from: key.assignedEmail ?? key.assignedName, to: assignment.assignedEmail ?? assignment.assignedName ?? null }, ip,
      });
    }
    if (patch.keyGroupId !== undefined && patch.keyGroupId !== key.keyGroupId) {
      await recordAuditEvent(trx, { accountId: key.accountId, actorUserId: ka.actor.userId, action: 'key.moved', targetType: 'key', targetId: key.id, data: { from: key.keyGroupId, to: patch.keyGroupId }, ip });
    }
  });
  return { key: (await createKeysRepository({ db: deps.db }).find({ accountId: key.accountId, keyId: key.id }))! };
}

/** Assigns and/or moves many keys at once: all or nothing, each key checked like a single one. */
export async function bulkUpdateKeys({
  deps, ka, keyIds, patch, ip,
}: { deps: AppDeps; ka: Actor; keyIds: string[]; patch: { assignedTo?: Assignee; keyGroupId?: string | null }; ip: string }) {
  const keys: KeyRow[] = [];
  for (const id of new Set(keyIds)) keys.push(await getManagedKey(deps, ka, id));
  if (patch.keyGroupId !== undefined) await checkTargetGroup(deps, ka, patch.keyGroupId);
  const assignment: Partial<Awaited<ReturnType<typeof resolveAssignee>>> = patch.assignedTo !== undefined ? await resolveAssignee(deps, ka, patch.assignedTo, ip) : {};
  await deps.db.transaction().execute(async (trx) => {
    const repo = createKeysRepository({ db: trx });
    for (const key of keys) {
      await repo.update(key.id, null, { ...assignment, ...(patch.keyGroupId !== undefined ? { keyGroupId: patch.keyGroupId } : {}) });
      // One event per change and key, with the same codes and data as a single update.
      if (patch.assignedTo !== undefined) {
        await recordAuditEvent(trx, {
          accountId: key.accountId, actorUserId: ka.actor.userId, action: patch.assignedTo === null ? 'key.unassigned' : 'key.assigned', targetType: 'key', targetId: key.id,
          data: { from: key.assignedEmail ?? key.assignedName, to: assignment.assignedEmail ?? assignment.assignedName ?? null, bulk: true }, ip,
        });
      }
      if (patch.keyGroupId !== undefined && patch.keyGroupId !== key.keyGroupId) {
        await recordAuditEvent(trx, {
          accountId: key.accountId, actorUserId: ka.actor.userId, action: 'key.moved', targetType: 'key', targetId: key.id, data: { from: key.keyGroupId, to: patch.keyGroupId, bulk: true }, ip,
        });
      }
    }
  });
  return { updated: keys.length };
}

/**
 * Frees a seat from the portal (Tableau's portal cannot). Limited per key: a cooldown between two
 * releases and a number per calendar month, both configurable; audited.
 */
export async function releaseActivation({ deps, ka, keyId, activationId, ip }: { deps: AppDeps; ka: Actor; keyId: string; activationId: string; ip: string }) {
  const key = await getManagedKey(deps, ka, keyId);
  const { releaseCooldownMinutes, releaseMonthlyLimit } = deps.config.licensing;
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const activations = createActivationsRepository({ db: deps.db });
  const activation = await activations.find(key.id, activationId);
  if (activation?.status !== 'active') throw activationNotFound();
  const releases = await activations.releasesSince(key.id, monthStart);
  const last = releases[0];
  if (last && Date.parse(last) > now.getTime() - releaseCooldownMinutes * 60_000) {
    const retry = Math.ceil((Date.parse(last) + releaseCooldownMinutes * 60_000 - now.getTime()) / 1000);
    throw releaseCooldown({ headers: { 'retry-after': String(retry) } });
  }
  if (releases.length >= releaseMonthlyLimit) throw releaseLimit();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await createActivationsRepository({ db: trx }).deactivate(activation.id, { at: nowIso(), how: 'portal_release', byUserId: ka.actor.userId });
    if (!ok) throw activationNotFound();
    await recordAuditEvent(trx, {
      accountId: key.accountId, actorUserId: ka.actor.userId, action: 'key.seat_released', targetType: 'key', targetId: key.id,
      data: { activationId: activation.id, hostname: activation.hostname, fingerprint: activation.fingerprint }, ip,
    });
  });
  return { releasesLeftThisMonth: releaseMonthlyLimit - releases.length - 1 };
}

/**
 * "Request renewal" opens a Kundendienst case (licensing/renewal) about the key, so the request is
 * tracked under Meine Fälle like any other; the customer-service queue is told through the outbox.
 */
export async function requestRenewal({ deps, ka, keyId, message, ip }: { deps: AppDeps; ka: Actor; keyId: string; message: string | null; ip: string }) {
  const key = await getVisibleKey({ deps, ka, keyId });
  const who = await deps.db
    .selectFrom('users as u')
    .innerJoin('accounts as a', (j) => j.on('a.id', '=', key.accountId))
    .select(['u.locale', 'a.locale as account_locale'])
    .where('u.id', '=', ka.actor.userId)
    .executeTakeFirstOrThrow();
  const de = (who.locale ?? who.account_locale) !== 'en';
  const product = `${key.productName}${key.editionName ? ` ${key.editionName}` : ''}`;
  const end = key.maintenanceEnd ? key.maintenanceEnd.slice(0, 10) : de ? 'keines' : 'none';
  const subject = de ? `Wartung verlängern: ${product} (…${key.licenseKey.slice(-5)})` : `Renew maintenance: ${product} (…${key.licenseKey.slice(-5)})`;
  const description = [
    de ? 'Bitte verlängern Sie die Wartung dieses Product Keys.' : 'Please renew the maintenance of this product key.',
    '',
    `- ${de ? 'Produkt' : 'Product'}: ${product}`,
    `- ${de ? 'Schlüssel' : 'Key'}: …${key.licenseKey.slice(-5)}, ${de ? 'Plätze' : 'seats'}: ${key.seats}`,
    `- ${de ? 'Wartungsende' : 'Maintenance end'}: ${end}`,
    ...(message ? ['', message] : []),
  ].join('\n');
  const created = await createCase({ deps, ca: ka, input: { type: 'customer_service', category: 'licensing', keyId: key.id, subject, description }, ip });
  await recordAuditEvent(deps.db, { accountId: key.accountId, actorUserId: ka.actor.userId, action: 'key.renewal_requested', targetType: 'key', targetId: key.id, data: { caseNumber: created.number }, ip });
  return { caseId: created.id, number: created.number };
}

/** Key groups: admins create, rename and delete; deleting leaves the keys without a group. */
export async function createKeyGroup({ deps, ka, name, ip }: { deps: AppDeps; ka: Actor; name: string; ip: string }) {
  if (!canManageKeyGroups(ka.actor)) throw errors.forbidden();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const group = await createKeyGroupsRepository({ db: trx }).insert(ka.actor.accountId, name);
      await recordAuditEvent(trx, { accountId: ka.actor.accountId, actorUserId: ka.actor.userId, action: 'key_group.created', targetType: 'key_group', targetId: group.id, data: { name }, ip });
      return { group };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyGroupNameTaken();
    throw err;
  }
}

export async function renameKeyGroup({ deps, ka, keyGroupId, name, ip }: { deps: AppDeps; ka: Actor; keyGroupId: string; name: string; ip: string }) {
  const repo = createKeyGroupsRepository({ db: deps.db });
  const group = await repo.find(ka.actor.accountId, keyGroupId);
  if (!group || (!canManageKeyGroups(ka.actor) && !ka.managedGroupIds.includes(keyGroupId))) throw keyGroupNotFound();
  if (!canManageKeyGroups(ka.actor)) throw errors.forbidden();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await createKeyGroupsRepository({ db: trx }).rename(ka.actor.accountId, keyGroupId, name);
      await recordAuditEvent(trx, { accountId: ka.actor.accountId, actorUserId: ka.actor.userId, action: 'key_group.renamed', targetType: 'key_group', targetId: keyGroupId, data: { from: group.name, to: name }, ip });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyGroupNameTaken();
    throw err;
  }
}

export async function deleteKeyGroup({ deps, ka, keyGroupId, ip }: { deps: AppDeps; ka: Actor; keyGroupId: string; ip: string }) {
  const group = await createKeyGroupsRepository({ db: deps.db }).find(ka.actor.accountId, keyGroupId);
  if (!group || (!canManageKeyGroups(ka.actor) && !ka.managedGroupIds.includes(keyGroupId))) throw keyGroupNotFound();
  if (!canManageKeyGroups(ka.actor)) throw errors.forbidden();
  await deps.db.transaction().execute(async (trx) => {
    // Its keys stay, without a group: the event says how many left it.
    const { n } = await trx.selectFrom('product_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('key_group_id', '=', keyGroupId).executeTakeFirstOrThrow();
    await createKeyGroupsRepository({ db: trx }).remove(ka.actor.accountId, keyGroupId);
    await recordAuditEvent(trx, {
      accountId: ka.actor.accountId, actorUserId: ka.actor.userId, action: 'key_group.deleted', targetType: 'key_group', targetId: keyGroupId, data: { name: group.name, keyCount: Number(n) }, ip,
    });
  });
}
