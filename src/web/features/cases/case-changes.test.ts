import { describe, expect, it } from 'vitest';
import type { Case } from './api/types';
import { changedFields, draftOf, patchOf, rebase } from './case-changes';

const base: Case = {
  id: 'cas_1',
  number: '00100001',
  type: 'technical',
  category: null,
  subject: 'Absturz',
  status: 'new',
  severity: 'p3',
  product: { id: 'prd_1', name: 'Desktop' },
  contact: { userId: 'usr_a', name: 'A', email: 'a@x' },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastActivityAt: '2026-01-01T00:00:00Z',
  description: 'Text',
  descriptionHtml: '<p>Text</p>',
  productVersion: null,
  latestVersion: null,
  operatingSystem: null,
  key: null,
  invoiceNumber: null,
  ccs: [
    { userId: 'usr_b', name: 'B', email: 'b@x' },
    { userId: 'usr_c', name: 'C', email: 'c@x' },
  ],
  createdBy: { userId: 'usr_a', name: 'A' },
  supportAgent: null,
  relatedCase: null,
  solvedAt: null,
  closedAt: null,
  reopenUntil: null,
  version: 1,
  abilities: { edit: true, comment: true, solve: true, reopen: false, followUp: false },
};

describe('what someone else changed meanwhile', () => {
  it('is nothing when only the version moved', () => {
    expect(changedFields(base, { ...base, version: 2, lastActivityAt: '2026-01-02T00:00:00Z' })).toEqual([]);
  });

  it('names each edited fact; CCs compare as a set', () => {
    const after: Case = {
      ...base,
      severity: 'p1',
      status: 'in_progress',
      ccs: [...base.ccs].reverse(),
      key: { id: 'key_1', licenseKeyTail: 'ABCDE', maintenanceEnd: null, maintenanceStatus: 'active', status: 'active' },
      description: 'Neu',
    };
    expect(changedFields(base, after)).toEqual(['status', 'severity', 'key', 'description']);
    expect(changedFields(base, { ...base, ccs: [base.ccs[0]!] })).toEqual(['ccs']);
    expect(changedFields(base, { ...base, contact: { userId: 'usr_b', name: 'B', email: 'b@x' } })).toEqual(['contact']);
  });
});

describe('saving Bearbeiten', () => {
  it('sends only what the user changed', () => {
    expect(patchOf(base, draftOf(base))).toEqual({});
    expect(patchOf(base, { ...draftOf(base), severity: 'p2', ccUserIds: ['usr_c', 'usr_b'] })).toEqual({ severity: 'p2' });
    expect(patchOf(base, { ...draftOf(base), description: 'Text \n' })).toEqual({});
  });

  it('after a conflict keeps the user’s input and takes the other person’s change where the user changed nothing', () => {
    const mine = { ...draftOf(base), description: 'Meine Ergänzung' };
    const current: Case = { ...base, version: 2, severity: 'p1', description: 'Text' };
    const rebased = rebase(mine, base, current);
    expect(rebased).toEqual({ ...draftOf(current), description: 'Meine Ergänzung' });
    expect(patchOf(current, rebased)).toEqual({ description: 'Meine Ergänzung' });
  });
});
