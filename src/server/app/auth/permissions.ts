/**
 * The one table from role to permission (DESIGN §4). Policies and the `abilities` the UI renders
 * from both read it; nothing else decides what a role may do.
 * Permissions are `action:entity[:scope]` strings.
 */
export const CUSTOMER_ROLES = ['admin', 'key_manager', 'member'] as const;
export const STAFF_ROLES = ['agent', 'billing', 'release', 'admin'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Permission =
  | 'read:profile'
  | 'read:account'
  | 'read:account_activity'
  | 'manage:account_billing'
  | 'manage:users'
  | 'read:keys:all'
  | 'read:keys:groups'
  | 'read:keys:own'
  | 'manage:keys:all'
  | 'manage:keys:groups'
  | 'read:cases:all'
  | 'read:cases:keys'
  | 'read:cases:own'
  | 'create:cases'
  | 'read:invoices'
  | 'use:downloads'
  | 'run:reports'
  | 'access:console'
  | 'read:staff_accounts'
  | 'read:outbox'
  | 'manage:accounts'
  | 'manage:staff_users'
  | 'work:cases:all'
  | 'work:cases:customer_service'
  | 'manage:invoices'
  | 'manage:releases'
  | 'issue:keys';

export const CUSTOMER_ROLE_PERMISSIONS: Record<CustomerRole, readonly Permission[]> = {
  admin: [
    'read:profile', 'read:account', 'read:account_activity', 'manage:account_billing', 'manage:users',
    'read:keys:all', 'manage:keys:all', 'read:cases:all', 'create:cases', 'read:invoices', 'use:downloads',
    'run:reports',
  ],
  key_manager: [
    'read:profile', 'read:account', 'read:keys:groups', 'manage:keys:groups', 'read:cases:keys', 'read:cases:own',
    'create:cases', 'run:reports',
  ],
  member: ['read:profile', 'read:account', 'read:keys:own', 'read:cases:own', 'create:cases', 'run:reports'],
};

/** Flags widen a membership's role. */
export const FLAG_PERMISSIONS = {
  caseAdmin: ['read:cases:all'],
  billing: ['read:invoices', 'manage:account_billing'],
  downloads: ['use:downloads'],
} as const satisfies Record<string, readonly Permission[]>;

export const STAFF_ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  agent: ['read:profile', 'access:console', 'read:staff_accounts', 'work:cases:all'],
  billing: ['read:profile', 'access:console', 'read:staff_accounts', 'work:cases:customer_service', 'manage:invoices', 'issue:keys'],
  release: ['read:profile', 'access:console', 'manage:releases'],
  admin: [
    'read:profile', 'access:console', 'read:staff_accounts', 'read:outbox', 'manage:accounts', 'manage:staff_users', 'work:cases:all',
    'manage:invoices', 'manage:releases', 'issue:keys',
  ],
};

export interface MembershipGrant {
  role: CustomerRole;
  caseAdmin: boolean;
  billing: boolean;
  downloads: boolean;
}

export function permissionsForMembership(m: MembershipGrant): Set<Permission> {
  const granted = new Set<Permission>(CUSTOMER_ROLE_PERMISSIONS[m.role]);
  if (m.caseAdmin) for (const p of FLAG_PERMISSIONS.caseAdmin) granted.add(p);
  if (m.billing) for (const p of FLAG_PERMISSIONS.billing) granted.add(p);
  if (m.downloads) for (const p of FLAG_PERMISSIONS.downloads) granted.add(p);
  return granted;
}

export const permissionsForStaff = (role: StaffRole): Set<Permission> => new Set(STAFF_ROLE_PERMISSIONS[role]);

/**
 * The portal's areas in navigation order. An area appears when the actor holds any of its
 * permissions and it is built; areas that other issues will build stay hidden until then.
 */
export const AREAS = [
  { key: 'dashboard', anyOf: ['read:profile'], built: true },
  { key: 'cases', anyOf: ['read:cases:all', 'read:cases:keys', 'read:cases:own'], built: true },
  { key: 'keys', anyOf: ['read:keys:all', 'read:keys:groups', 'read:keys:own'], built: true },
  { key: 'invoices', anyOf: ['read:invoices'], built: true },
  // Also shown to those without the flag who hold a key of their own or of their groups (see /me).
  { key: 'downloads', anyOf: ['use:downloads'], built: true },
  { key: 'reports', anyOf: ['run:reports'], built: true },
  { key: 'account', anyOf: ['read:profile'], built: true },
  { key: 'console', anyOf: ['access:console'], built: true },
] as const satisfies readonly { key: string; anyOf: readonly Permission[]; built: boolean }[];

export type AreaKey = (typeof AREAS)[number]['key'];

/** `alsoAreas`: areas a user reaches through their data rather than a permission (Downloads through a key of their own). */
export function visibleAreas(permissions: ReadonlySet<Permission>, alsoAreas: readonly AreaKey[] = []): AreaKey[] {
  return AREAS.filter((a) => a.built && (a.anyOf.some((p) => permissions.has(p)) || alsoAreas.includes(a.key))).map((a) => a.key);
}
