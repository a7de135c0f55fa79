import type { CasePatch } from './api/case-mutations';
import type { Case, CaseSeverity } from './api/types';

/** The facts of a case that Bearbeiten touches, plus its status, which support may change meanwhile. */
export type ChangedField = 'status' | 'severity' | 'contact' | 'ccs' | 'key' | 'description';

/**
 * What differs between the case as the user started editing it and as it is now: shown when a
 * save is refused with 412 because someone else changed the case in the meantime.
 */
export function changedFields(before: Case, after: Case): ChangedField[] {
  const changed: ChangedField[] = [];
  if (before.status !== after.status) changed.push('status');
  if (before.severity !== after.severity) changed.push('severity');
  if (before.contact.userId !== after.contact.userId) changed.push('contact');
  const ccs = (c: Case) => c.ccs.map((p) => p.userId).sort().join();
  if (ccs(before) !== ccs(after)) changed.push('ccs');
  if ((before.key?.id ?? null) !== (after.key?.id ?? null)) changed.push('key');
  if (before.description !== after.description) changed.push('description');
  return changed;
}

/** What the Bearbeiten form holds. */
export type Draft = { severity: CaseSeverity; contactUserId: string; ccUserIds: string[]; keyId: string | null; description: string };

export const draftOf = (c: Case): Draft => ({
  severity: c.severity,
  contactUserId: c.contact.userId,
  ccUserIds: c.ccs.map((person) => person.userId),
  keyId: c.key?.id ?? null,
  description: c.description,
});

/** Only what the user changed against the case they edit, so a save never overwrites other fields. */
export function patchOf(base: Case, draft: Draft): CasePatch {
  const from = draftOf(base);
  const patch: CasePatch = {};
  if (draft.severity !== from.severity) patch.severity = draft.severity;
  if (draft.contactUserId !== from.contactUserId) patch.contactUserId = draft.contactUserId;
  if ([...draft.ccUserIds].sort().join() !== [...from.ccUserIds].sort().join()) patch.ccUserIds = draft.ccUserIds;
  if (draft.keyId !== from.keyId) patch.keyId = draft.keyId;
  if (draft.description.trim() !== from.description.trim()) patch.description = draft.description;
  return patch;
}

/**
 * The user's input on top of the case as it is now: what they changed stays, what they left alone
 * takes the current value (so saving again does not undo the other person's change).
 */
export function rebase(draft: Draft, before: Case, current: Case): Draft {
  const old = draftOf(before);
  const now = draftOf(current);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    severity: draft.severity === old.severity ? now.severity : draft.severity,
    contactUserId: draft.contactUserId === old.contactUserId ? now.contactUserId : draft.contactUserId,
    ccUserIds: same([...draft.ccUserIds].sort(), [...old.ccUserIds].sort()) ? now.ccUserIds : draft.ccUserIds,
    keyId: draft.keyId === old.keyId ? now.keyId : draft.keyId,
    description: draft.description.trim() === old.description.trim() ? now.description : draft.description,
  };
}

