import { describe, expect, it } from 'vitest';
import {
  AREAS,
  CUSTOMER_ROLE_PERMISSIONS,
  permissionsForMembership,
  permissionsForStaff,
  STAFF_ROLE_PERMISSIONS,
  visibleAreas,
} from './permissions.js';

const member = { role: 'member', caseAdmin: false, billing: false, downloads: false } as const;

describe('the role → permission table', () => {
  it('gives an admin everything a key manager or member has in the account', () => {
    const admin = new Set(CUSTOMER_ROLE_PERMISSIONS.admin);
    for (const p of CUSTOMER_ROLE_PERMISSIONS.member.filter((p) => !p.endsWith(':own'))) expect(admin.has(p)).toBe(true);
    expect(admin.has('manage:users')).toBe(true);
    expect(admin.has('read:account_activity')).toBe(true);
  });

  it('lets a member read only their own keys and cases', () => {
    const p = permissionsForMembership(member);
    expect(p.has('read:keys:own')).toBe(true);
    expect(p.has('read:cases:own')).toBe(true);
    expect(p.has('read:keys:all')).toBe(false);
    expect(p.has('read:cases:all')).toBe(false);
    expect(p.has('read:invoices')).toBe(false);
  });

  it('lets flags widen a role and nothing else', () => {
    expect(permissionsForMembership({ ...member, caseAdmin: true }).has('read:cases:all')).toBe(true);
    const billing = permissionsForMembership({ ...member, billing: true });
    expect(billing.has('read:invoices')).toBe(true);
    expect(billing.has('manage:users')).toBe(false);
    expect(permissionsForMembership({ ...member, downloads: true }).has('use:downloads')).toBe(true);
  });

  it('gives no customer permission to staff and no staff permission to customers', () => {
    const staffOnly = new Set(Object.values(STAFF_ROLE_PERMISSIONS).flat());
    staffOnly.delete('read:profile');
    for (const perms of Object.values(CUSTOMER_ROLE_PERMISSIONS)) for (const p of perms) expect(staffOnly.has(p)).toBe(false);
    expect(permissionsForStaff('release').has('read:staff_accounts')).toBe(false);
    expect(permissionsForStaff('admin').has('read:outbox')).toBe(true);
    expect(permissionsForStaff('agent').has('read:outbox')).toBe(false);
  });
});

describe('visible areas', () => {
  it('show only built areas the actor may use', () => {
    expect(visibleAreas(permissionsForMembership({ ...member, role: 'admin' }))).toEqual(['dashboard', 'cases', 'keys', 'invoices', 'downloads', 'reports', 'account']);
    expect(visibleAreas(permissionsForMembership({ ...member, billing: true }))).toEqual(['dashboard', 'cases', 'keys', 'invoices', 'reports', 'account']);
    expect(visibleAreas(permissionsForMembership({ ...member, downloads: true }))).toEqual(['dashboard', 'cases', 'keys', 'downloads', 'reports', 'account']);
    expect(visibleAreas(permissionsForMembership({ ...member, role: 'key_manager' }))).toEqual(['dashboard', 'cases', 'keys', 'reports', 'account']);
    expect(visibleAreas(permissionsForMembership({ ...member, role: 'member' }))).toEqual(['dashboard', 'cases', 'keys', 'reports', 'account']);
    // A member with a key of their own reaches Downloads through it (the /me route decides).
    expect(visibleAreas(permissionsForMembership({ ...member, role: 'member' }), ['downloads'])).toEqual(['dashboard', 'cases', 'keys', 'downloads', 'reports', 'account']);
    expect(visibleAreas(permissionsForStaff('agent'))).toEqual(['dashboard', 'account', 'console']);
    expect(AREAS.filter((a) => !a.built).map((a) => a.key)).toEqual([]);
  });
});
