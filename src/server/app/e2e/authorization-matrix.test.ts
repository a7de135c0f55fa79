import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../mail.js';
import {
  buildAccount,
  buildActivation,
  buildCase,
  buildKey,
  buildKeyGroup,
  buildMember,
  buildProduct,
  buildStaff,
  loginAs,
  manageKeyGroup,
} from '../../test-support/factories.js';
import { buildInvoice } from '../../test-support/invoice-factories.js';
import { buildRelease } from '../../test-support/release-factories.js';
import { signLink } from '../../modules/downloads/download-links.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Every registered route × every kind of actor → the status it must answer (DESIGN §4, STYLE 13).
 * "own account" is account A; `otherAdmin` is the admin of account B. A route without a row fails.
 */
const ACTORS = ['anonymous', 'member', 'keyManager', 'admin', 'otherAdmin', 'agent', 'staffBilling', 'release', 'staffAdmin'] as const;
type ActorName = (typeof ACTORS)[number];
type Expect = Record<ActorName, number>;

interface Fixture {
  accountA: string;
  mailId: string;
  /** Users of account A that only the matrix touches. */
  target: string;
  removable: string;
  invited: string;
  product: string;
  /** In group G1, which the key manager manages. */
  groupKey: string;
  groupActivationKey: string;
  /** Assigned to the member, in no group. */
  ownKey: string;
  perActorKey: Partial<Record<ActorName, string>>;
  perActorRelease: Partial<Record<ActorName, { keyId: string; activationId: string }>>;
  g2: string;
  g3: string;
  /** A Kundendienst case the member opened: the member and the admin see it. */
  memberCase: string;
  /** One case per customer actor that may edit it, for the rows that change it. */
  perActorCase: Partial<Record<ActorName, string>>;
  perStaffCase: Partial<Record<ActorName, string>>;
  /** The member's unfinished uploads (one to write to, one to terminate) and a finished file on memberCase. */
  memberUpload: string;
  memberUploadToDelete: string;
  attachment: string;
  /** An open invoice of account A. */
  invoice: string;
  /** Per staff actor that may work invoices: drafts to change, delete and issue; open invoices to void and write off. */
  perStaffInvoice: Partial<Record<ActorName, { patch: string; remove: string; issue: string; void: string; uncollectible: string }>>;
  /** A published release of `product` (every key of account A covers it) with one file that has a signature, and a draft. */
  artifact: string;
  draftRelease: string;
  publishedRelease: string;
  linkSecret: string;
  /** Customers' user and account ids, to sign their download links. */
  identities: Partial<Record<ActorName, { userId: string; accountId: string }>>;
  /** Per release-staff actor: drafts to edit, publish and delete, a published release to take back, files to remove and sign. */
  perReleaseStaff: Partial<Record<ActorName, { patch: string; publish: string; unpublish: string; remove: string; fileRelease: string; file: string; signed: string }>>;
  /** A report subscription of the member's. */
  memberSubscription: string;
}

interface Row {
  method: string;
  url: string;
  request?: (f: Fixture, actor: ActorName) => { url?: string; payload?: unknown; headers?: Record<string, string> };
  expect: Expect;
}

const BAD_TOKEN = 'not-a-real-token-0123456789';
const WRONG = 'definitely not the password';
const customersOnly = (status: number, overrides: Partial<Expect> = {}): Expect =>
  signedIn(403, { member: status, keyManager: status, admin: status, otherAdmin: status, ...overrides });
const accountAdmins = (status: number, otherAdmin = status): Expect => signedIn(403, { admin: status, otherAdmin });
const invoiceStaff = (status: number): Expect => signedIn(404, { agent: 403, staffBilling: status, release: 403, staffAdmin: status });
const staffAdminOnly = (status: number): Expect =>
  signedIn(404, { agent: 403, staffBilling: 403, release: 403, staffAdmin: status });

const artifactMeta = (releaseId: string, name: string) =>
  Object.entries({ releaseId, platform: 'linux', arch: 'x64', filename: name }).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
const releaseStaff = (status: number): Expect => signedIn(404, { agent: 403, staffBilling: 403, release: status, staffAdmin: status });
/** A download of the fixture's artifact for this actor: a link Portico would have issued to them. */
const downloadAs = (f: Fixture, suffix: string) => `/api/v1/downloads/${f.artifact}/${suffix}`;
function contentLink(f: Fixture, a: ActorName) {
  const who = f.identities[a];
  if (!who) return `/api/v1/downloads/${f.artifact}/content?expires=1&sig=none`;
  const { expires, sig } = signLink(f.linkSecret, { artifactId: f.artifact, userId: who.userId, accountId: who.accountId }, { seconds: 60 });
  return `/api/v1/downloads/${f.artifact}/content?expires=${expires}&sig=${sig}`;
}
const perRelease = (f: Fixture, a: ActorName) => f.perReleaseStaff[a] ?? f.perReleaseStaff.release!;

const tusMeta = (caseId: string, name: string) => `caseId ${Buffer.from(caseId).toString('base64')},filename ${Buffer.from(name).toString('base64')}`;
const all = (status: number): Expect => Object.fromEntries(ACTORS.map((a) => [a, status])) as Expect;
const signedIn = (status: number, overrides: Partial<Expect> = {}): Expect => ({ ...all(status), anonymous: 401, ...overrides });

const MATRIX: Row[] = [
  { method: 'GET', url: '/healthz', expect: all(200) },
  { method: 'GET', url: '/readyz', expect: all(200) },
  { method: 'GET', url: '/api/docs', expect: all(200) },
  { method: 'GET', url: '/api/docs/json', expect: all(200) },
  { method: 'GET', url: '/api/docs/yaml', expect: all(200) },
  { method: 'GET', url: '/api/docs/static/index.html', expect: all(302) },
  { method: 'GET', url: '/api/docs/static/swagger-initializer.js', expect: all(200) },
  { method: 'GET', url: '/api/docs/static/*', request: () => ({ url: '/api/docs/static/swagger-ui.css' }), expect: all(200) },
  { method: 'GET', url: '/api/v1/meta', expect: all(200) },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    request: () => ({ payload: { email: 'nobody@example.test', password: 'wrong password' } }),
    expect: all(401),
  },
  { method: 'POST', url: '/api/v1/auth/logout', expect: all(204) },
  { method: 'POST', url: '/api/v1/auth/mfa', request: () => ({ payload: { code: '123456' } }), expect: all(401) },
  { method: 'POST', url: '/api/v1/auth/password-reset', request: (_f, a) => ({ payload: { email: `nobody-${a}@example.test` } }), expect: all(202) },
  {
    method: 'POST',
    url: '/api/v1/auth/password-reset/:token',
    request: () => ({ url: `/api/v1/auth/password-reset/${BAD_TOKEN}`, payload: { password: 'a long enough new passphrase' } }),
    expect: all(404),
  },
  { method: 'GET', url: '/api/v1/invitations/:token', request: () => ({ url: `/api/v1/invitations/${BAD_TOKEN}` }), expect: all(404) },
  {
    method: 'POST',
    url: '/api/v1/invitations/:token',
    request: () => ({ url: `/api/v1/invitations/${BAD_TOKEN}`, payload: { name: 'X', password: 'a long enough new passphrase' } }),
    expect: all(404),
  },
  { method: 'POST', url: '/api/v1/email-changes/:token', request: () => ({ url: `/api/v1/email-changes/${BAD_TOKEN}` }), expect: all(404) },
  { method: 'POST', url: '/api/v1/me/password', request: () => ({ payload: { currentPassword: WRONG, newPassword: 'a long enough new passphrase' } }), expect: signedIn(400) },
  { method: 'POST', url: '/api/v1/me/email', request: (_f, a) => ({ payload: { newEmail: `new-${a}@example.test`, currentPassword: WRONG } }), expect: signedIn(400) },
  { method: 'GET', url: '/api/v1/me/sessions', expect: signedIn(200) },
  { method: 'DELETE', url: '/api/v1/me/sessions', expect: signedIn(204) },
  { method: 'DELETE', url: '/api/v1/me/sessions/:sessionId', request: () => ({ url: '/api/v1/me/sessions/ses_unknown' }), expect: signedIn(404) },
  { method: 'GET', url: '/api/v1/me/mfa', expect: signedIn(200) },
  { method: 'POST', url: '/api/v1/me/mfa/totp', expect: signedIn(200) },
  { method: 'POST', url: '/api/v1/me/mfa/totp/confirm', request: () => ({ payload: { code: 'abcdef' } }), expect: signedIn(400) },
  { method: 'POST', url: '/api/v1/me/mfa/recovery-codes', request: () => ({ payload: { password: WRONG } }), expect: signedIn(400) },
  { method: 'DELETE', url: '/api/v1/me/mfa', request: () => ({ payload: { password: WRONG } }), expect: signedIn(400) },
  { method: 'GET', url: '/api/v1/me/api-tokens', expect: customersOnly(200) },
  {
    method: 'POST',
    url: '/api/v1/me/api-tokens',
    request: (_f, a) => ({ payload: { name: `Matrix ${a}`, scopes: ['cases:read'], lifetimeDays: 7 } }),
    expect: customersOnly(201),
  },
  { method: 'DELETE', url: '/api/v1/me/api-tokens/:tokenId', request: () => ({ url: '/api/v1/me/api-tokens/pat_unknown' }), expect: customersOnly(404) },
  { method: 'GET', url: '/api/v1/account/api-tokens', expect: accountAdmins(200) },
  { method: 'GET', url: '/api/v1/account', expect: customersOnly(200) },
  { method: 'PUT', url: '/api/v1/account/security', request: () => ({ payload: { requireMfa: false } }), expect: accountAdmins(200) },
  { method: 'GET', url: '/api/v1/account/users', expect: accountAdmins(200) },
  {
    method: 'POST',
    url: '/api/v1/account/users',
    request: (_f, a) => ({ payload: { email: `invitee-${a}@example.test`, name: 'Invitee', role: 'member' } }),
    expect: accountAdmins(201),
  },
  { method: 'GET', url: '/api/v1/account/users/:userId', request: (f) => ({ url: `/api/v1/account/users/${f.target}` }), expect: accountAdmins(200, 404) },
  {
    method: 'PATCH',
    url: '/api/v1/account/users/:userId',
    request: (f) => ({ url: `/api/v1/account/users/${f.target}`, payload: { caseAdmin: true }, headers: { 'if-match': '"1"' } }),
    expect: accountAdmins(200, 404),
  },
  { method: 'DELETE', url: '/api/v1/account/users/:userId', request: (f) => ({ url: `/api/v1/account/users/${f.removable}` }), expect: accountAdmins(204, 404) },
  {
    method: 'POST',
    url: '/api/v1/account/users/:userId/resend-invitation',
    request: (f) => ({ url: `/api/v1/account/users/${f.invited}/resend-invitation` }),
    expect: accountAdmins(202, 404),
  },
  { method: 'GET', url: '/api/v1/account/key-groups', expect: accountAdmins(200) },
  {
    method: 'POST',
    url: '/api/v1/staff/accounts',
    request: (_f, a) => ({ payload: { name: `Matrix ${a} AG`, admin: { email: `first-admin-${a}@example.test`, name: 'First Admin' } } }),
    expect: staffAdminOnly(201),
  },
  { method: 'GET', url: '/api/v1/staff/users', expect: staffAdminOnly(200) },
  { method: 'GET', url: '/api/v1/keys', expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/keys/facets', expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/keys/assignees', request: () => ({ url: '/api/v1/keys/assignees?q=a' }), expect: customersOnly(403, { keyManager: 200, admin: 200, otherAdmin: 200 }) },
  { method: 'GET', url: '/api/v1/keys/:keyId', request: (f) => ({ url: `/api/v1/keys/${f.groupKey}` }), expect: customersOnly(404, { keyManager: 200, admin: 200 }) },
  {
    method: 'PATCH',
    url: '/api/v1/keys/:keyId',
    request: (f, a) => ({ url: `/api/v1/keys/${f.perActorKey[a] ?? f.groupKey}`, payload: { assignedTo: { name: 'End User', email: 'end.user@example.test' } }, headers: { 'if-match': '"1"' } }),
    expect: customersOnly(404, { keyManager: 200, admin: 200 }),
  },
  {
    method: 'POST',
    url: '/api/v1/keys/bulk-assign',
    request: (f) => ({ payload: { keyIds: [f.groupKey], assignedTo: null } }),
    expect: customersOnly(404, { keyManager: 200, admin: 200 }),
  },
  { method: 'GET', url: '/api/v1/keys/:keyId/activations', request: (f) => ({ url: `/api/v1/keys/${f.groupKey}/activations` }), expect: customersOnly(404, { keyManager: 200, admin: 200 }) },
  {
    method: 'POST',
    url: '/api/v1/keys/:keyId/activations/:activationId/release',
    request: (f, a) => {
      const t = f.perActorRelease[a] ?? f.perActorRelease.admin!;
      return { url: `/api/v1/keys/${t.keyId}/activations/${t.activationId}/release` };
    },
    expect: customersOnly(404, { keyManager: 200, admin: 200 }),
  },
  { method: 'POST', url: '/api/v1/keys/:keyId/renewal-request', request: (f) => ({ url: `/api/v1/keys/${f.ownKey}/renewal-request`, payload: {} }), expect: customersOnly(404, { member: 201, admin: 201 }) },
  { method: 'GET', url: '/api/v1/key-groups', expect: customersOnly(200) },
  { method: 'POST', url: '/api/v1/key-groups', request: (_f, a) => ({ payload: { name: `Group of ${a}` } }), expect: customersOnly(403, { admin: 201, otherAdmin: 201 }) },
  { method: 'PATCH', url: '/api/v1/key-groups/:keyGroupId', request: (f) => ({ url: `/api/v1/key-groups/${f.g2}`, payload: { name: 'Renamed G2' } }), expect: customersOnly(404, { admin: 204 }) },
  { method: 'DELETE', url: '/api/v1/key-groups/:keyGroupId', request: (f) => ({ url: `/api/v1/key-groups/${f.g3}` }), expect: customersOnly(404, { admin: 204 }) },
  { method: 'POST', url: '/api/v1/licensing/activate', request: () => ({ payload: { key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', fingerprint: 'fingerprint-1' } }), expect: all(403) },
  { method: 'POST', url: '/api/v1/licensing/validate', request: () => ({ payload: { key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', fingerprint: 'fingerprint-1' } }), expect: all(403) },
  { method: 'POST', url: '/api/v1/licensing/deactivate', request: () => ({ payload: { key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', fingerprint: 'fingerprint-1' } }), expect: all(403) },
  { method: 'GET', url: '/api/v1/licensing/public-key', expect: all(200) },
  { method: 'POST', url: '/api/v1/licensing/offline', request: () => ({ payload: { request: '{"format":"nonsense"}' } }), expect: customersOnly(400) },
  { method: 'GET', url: '/api/v1/staff/products', expect: signedIn(404, { agent: 200, staffBilling: 200, release: 200, staffAdmin: 200 }) },
  {
    method: 'POST',
    url: '/api/v1/staff/products',
    request: (_f, a) => ({ payload: { code: `product-${a.toLowerCase()}`, name: 'Matrix Product', editions: [{ code: 'std', name: 'Standard' }] } }),
    expect: signedIn(404, { agent: 403, staffBilling: 403, release: 201, staffAdmin: 201 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/keys',
    request: (f) => ({ url: `/api/v1/staff/keys?accountId=${f.accountA}` }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/key-groups',
    request: (f) => ({ url: `/api/v1/staff/key-groups?accountId=${f.accountA}` }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/keys',
    request: (f) => ({ payload: { accountId: f.accountA, productId: f.product, seats: 2, term: 'perpetual' } }),
    expect: signedIn(404, { agent: 403, staffBilling: 201, release: 403, staffAdmin: 201 }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/staff/keys/:keyId',
    request: (f) => ({ url: `/api/v1/staff/keys/${f.ownKey}`, payload: { seats: 4 } }),
    expect: signedIn(404, { agent: 403, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/users',
    request: (_f, a) => ({ payload: { email: `new-staff-${a}@portico.test`, name: 'New Staff', staffRole: 'agent' } }),
    expect: staffAdminOnly(201),
  },
  { method: 'GET', url: '/api/v1/cases', expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/cases/counts', expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/cases/similar', request: () => ({ url: '/api/v1/cases/similar?q=matrix' }), expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/cases/form-options', expect: customersOnly(200) },
  {
    method: 'POST',
    url: '/api/v1/cases',
    request: (_f, a) => ({ payload: { type: 'customer_service', category: 'other', subject: `Matrix ${a}`, description: 'A question.' } }),
    expect: customersOnly(201),
  },
  { method: 'GET', url: '/api/v1/cases/:caseId', request: (f) => ({ url: `/api/v1/cases/${f.memberCase}` }), expect: customersOnly(404, { member: 200, admin: 200 }) },
  {
    method: 'PATCH',
    url: '/api/v1/cases/:caseId',
    request: (f, a) => ({ url: `/api/v1/cases/${f.perActorCase[a] ?? f.memberCase}`, payload: { severity: 'p2' }, headers: { 'if-match': '"1"' } }),
    expect: customersOnly(404, { member: 200, keyManager: 200, admin: 200 }),
  },
  { method: 'GET', url: '/api/v1/cases/:caseId/comments', request: (f) => ({ url: `/api/v1/cases/${f.memberCase}/comments` }), expect: customersOnly(404, { member: 200, admin: 200 }) },
  {
    method: 'POST',
    url: '/api/v1/cases/:caseId/comments',
    request: (f) => ({ url: `/api/v1/cases/${f.memberCase}/comments`, payload: { body: 'A comment.' } }),
    expect: customersOnly(404, { member: 201, admin: 201 }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:caseId/solve',
    request: (f, a) => ({ url: `/api/v1/cases/${f.perActorCase[a] ?? f.memberCase}/solve` }),
    expect: customersOnly(404, { member: 200, keyManager: 200, admin: 200 }),
  },
  {
    method: 'POST',
    url: '/api/v1/cases/:caseId/reopen',
    request: (f, a) => ({ url: `/api/v1/cases/${f.perActorCase[a] ?? f.memberCase}/reopen` }),
    expect: customersOnly(404, { member: 200, keyManager: 200, admin: 200 }),
  },
  { method: 'GET', url: '/api/v1/staff/cases', expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }) },
  { method: 'GET', url: '/api/v1/staff/cases/agents', expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }) },
  {
    method: 'GET',
    url: '/api/v1/staff/cases/:caseId',
    request: (f) => ({ url: `/api/v1/staff/cases/${f.memberCase}` }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/staff/cases/:caseId',
    request: (f, a) => ({ url: `/api/v1/staff/cases/${f.perStaffCase[a] ?? f.memberCase}`, payload: { severity: 'p2' }, headers: { 'if-match': '"1"' } }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/cases/:caseId/comments',
    request: (f) => ({ url: `/api/v1/staff/cases/${f.memberCase}/comments` }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/cases/:caseId/comments',
    request: (f) => ({ url: `/api/v1/staff/cases/${f.memberCase}/comments`, payload: { body: 'Internal.', visibility: 'internal' } }),
    expect: signedIn(404, { agent: 201, staffBilling: 201, release: 403, staffAdmin: 201 }),
  },
  { method: 'OPTIONS', url: '/api/v1/uploads', expect: all(204) },
  {
    method: 'POST',
    url: '/api/v1/uploads',
    request: (f) => ({ headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': tusMeta(f.memberCase, 'matrix.txt') } }),
    // Release staff may use the tus endpoint (for release files), where every case is unknown to them.
    expect: signedIn(400, { member: 201, admin: 201, agent: 201, staffBilling: 201, release: 400, staffAdmin: 201 }),
  },
  {
    method: 'POST',
    url: '/api/v1/uploads',
    request: (f) => ({ headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': artifactMeta(f.draftRelease, `matrix-${Math.random()}.bin`) } }),
    expect: signedIn(400, { release: 201, staffAdmin: 201 }),
  },
  {
    method: 'PATCH',
    url: '/api/v1/uploads/:uploadId',
    request: (f, a) => ({
      url: `/api/v1/uploads/${f.memberUpload}`,
      payload: Buffer.from('x'),
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': a === 'member' ? '0' : '1', 'content-type': 'application/offset+octet-stream' },
    }),
    expect: signedIn(404, { member: 204 }),
  },
  {
    method: 'DELETE',
    url: '/api/v1/uploads/:uploadId',
    request: (f) => ({ url: `/api/v1/uploads/${f.memberUploadToDelete}`, headers: { 'tus-resumable': '1.0.0' } }),
    expect: signedIn(404, { member: 204 }),
  },
  { method: 'GET', url: '/api/v1/cases/:caseId/attachments', request: (f) => ({ url: `/api/v1/cases/${f.memberCase}/attachments` }), expect: customersOnly(404, { member: 200, admin: 200 }) },
  {
    method: 'GET',
    url: '/api/v1/staff/cases/:caseId/attachments',
    request: (f) => ({ url: `/api/v1/staff/cases/${f.memberCase}/attachments` }),
    expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/attachments/:attachmentId',
    request: (f) => ({ url: `/api/v1/attachments/${f.attachment}` }),
    expect: signedIn(404, { member: 200, admin: 200, agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/attachments/:attachmentId/content',
    request: (f) => ({ url: `/api/v1/attachments/${f.attachment}/content` }),
    expect: signedIn(404, { member: 200, admin: 200, agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }),
  },
  { method: 'GET', url: '/api/v1/invoices', expect: customersOnly(200, { member: 403, keyManager: 403 }) },
  { method: 'GET', url: '/api/v1/invoices/:invoiceId', request: (f) => ({ url: `/api/v1/invoices/${f.invoice}` }), expect: customersOnly(403, { admin: 200, otherAdmin: 404 }) },
  { method: 'GET', url: '/api/v1/invoices/:invoiceId/pdf', request: (f) => ({ url: `/api/v1/invoices/${f.invoice}/pdf` }), expect: customersOnly(403, { admin: 200, otherAdmin: 404 }) },
  { method: 'POST', url: '/api/v1/invoices/:invoiceId/pay', request: (f) => ({ url: `/api/v1/invoices/${f.invoice}/pay` }), expect: customersOnly(403, { admin: 200, otherAdmin: 404 }) },
  // Stripe is not configured here: the webhook is not there for anyone (with keys, the signature decides).
  { method: 'POST', url: '/api/v1/payments/stripe/webhook', request: () => ({ payload: {}, headers: { 'stripe-signature': 't=1,v1=00' } }), expect: all(404) },
  {
    method: 'PATCH',
    url: '/api/v1/account',
    request: () => ({ payload: { poReference: 'PO-MATRIX' }, headers: { 'if-match': '"1"' } }),
    expect: customersOnly(403, { admin: 200, otherAdmin: 200 }),
  },
  { method: 'GET', url: '/api/v1/reports', expect: customersOnly(200) },
  // The invoices report: admins and billing users only; every other report any customer may run (scoped).
  { method: 'GET', url: '/api/v1/reports/:reportId', request: () => ({ url: '/api/v1/reports/invoices' }), expect: customersOnly(200, { member: 403, keyManager: 403 }) },
  { method: 'GET', url: '/api/v1/report-subscriptions', expect: customersOnly(200) },
  {
    method: 'POST',
    url: '/api/v1/report-subscriptions',
    request: () => ({ payload: { reportId: 'invoices', frequency: 'weekly' } }),
    expect: customersOnly(201, { member: 403, keyManager: 403 }),
  },
  // Nobody may end another user's subscription: the member's own one only exists for the member.
  {
    method: 'DELETE',
    url: '/api/v1/report-subscriptions/:subscriptionId',
    request: (f) => ({ url: `/api/v1/report-subscriptions/${f.memberSubscription}` }),
    expect: customersOnly(404, { member: 204 }),
  },
  { method: 'GET', url: '/api/v1/staff/reports', expect: signedIn(404, { agent: 200, staffBilling: 200, release: 403, staffAdmin: 200 }) },
  {
    method: 'GET',
    url: '/api/v1/staff/reports/:reportId',
    request: (f) => ({ url: `/api/v1/staff/reports/invoices?accountId=${f.accountA}` }),
    expect: invoiceStaff(200),
  },
  { method: 'GET', url: '/api/v1/staff/invoices', expect: invoiceStaff(200) },
  {
    method: 'POST',
    url: '/api/v1/staff/invoices',
    request: (f) => ({ payload: { accountId: f.accountA, lines: [{ description: 'Matrix', quantity: 1, unitAmount: 100, taxRateBp: 1900 }] } }),
    expect: invoiceStaff(201),
  },
  { method: 'GET', url: '/api/v1/staff/invoices/:invoiceId', request: (f) => ({ url: `/api/v1/staff/invoices/${f.invoice}` }), expect: invoiceStaff(200) },
  {
    method: 'PATCH',
    url: '/api/v1/staff/invoices/:invoiceId',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.perStaffInvoice[a]?.patch ?? f.invoice}`, payload: { memo: 'Matrix' }, headers: { 'if-match': '"1"' } }),
    expect: invoiceStaff(200),
  },
  {
    method: 'DELETE',
    url: '/api/v1/staff/invoices/:invoiceId',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.perStaffInvoice[a]?.remove ?? f.invoice}` }),
    expect: invoiceStaff(204),
  },
  { method: 'GET', url: '/api/v1/staff/invoices/:invoiceId/pdf', request: (f) => ({ url: `/api/v1/staff/invoices/${f.invoice}/pdf` }), expect: invoiceStaff(200) },
  {
    method: 'POST',
    url: '/api/v1/staff/invoices/:invoiceId/issue',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.perStaffInvoice[a]?.issue ?? f.invoice}/issue`, headers: { 'if-match': '"1"' } }),
    expect: invoiceStaff(200),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/invoices/:invoiceId/void',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.perStaffInvoice[a]?.void ?? f.invoice}/void`, payload: { reason: 'Matrix' } }),
    expect: invoiceStaff(200),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/invoices/:invoiceId/uncollectible',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.perStaffInvoice[a]?.uncollectible ?? f.invoice}/uncollectible` }),
    expect: invoiceStaff(200),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/invoices/:invoiceId/payments',
    request: (f, a) => ({ url: `/api/v1/staff/invoices/${f.invoice}/payments`, payload: { amount: 1, reference: `MATRIX-${a}`, receivedAt: '2026-01-15' } }),
    expect: invoiceStaff(201),
  },
  { method: 'GET', url: '/api/v1/me', expect: signedIn(200) },
  { method: 'PATCH', url: '/api/v1/me', request: () => ({ payload: { locale: 'de' } }), expect: signedIn(200) },
  {
    method: 'POST',
    url: '/api/v1/me/account',
    request: (f) => ({ payload: { accountId: f.accountA } }),
    expect: signedIn(404, { member: 200, keyManager: 200, admin: 200 }),
  },
  { method: 'GET', url: '/api/v1/account/activity', expect: customersOnly(200) },
  {
    method: 'GET',
    url: '/api/v1/staff/accounts',
    expect: signedIn(404, { agent: 200, staffBilling: 200, staffAdmin: 200, release: 403 }),
  },
  { method: 'GET', url: '/api/v1/downloads', expect: customersOnly(200) },
  { method: 'GET', url: '/api/v1/downloads/updates', expect: customersOnly(200) },
  { method: 'POST', url: '/api/v1/downloads/:artifactId/link', request: (f) => ({ url: downloadAs(f, 'link') }), expect: customersOnly(200, { otherAdmin: 404 }) },
  { method: 'GET', url: '/api/v1/downloads/:artifactId/content', request: (f, a) => ({ url: contentLink(f, a) }), expect: customersOnly(200, { otherAdmin: 404 }) },
  { method: 'GET', url: '/api/v1/downloads/:artifactId/sha256', request: (f) => ({ url: downloadAs(f, 'sha256') }), expect: customersOnly(200, { otherAdmin: 404 }) },
  { method: 'GET', url: '/api/v1/downloads/:artifactId/signature', request: (f) => ({ url: downloadAs(f, 'signature') }), expect: customersOnly(200, { otherAdmin: 404 }) },
  { method: 'GET', url: '/api/v1/staff/releases', expect: releaseStaff(200) },
  {
    method: 'POST',
    url: '/api/v1/staff/releases',
    request: (f, a) => ({ payload: { productId: f.product, version: `9.${ACTORS.indexOf(a)}`, channel: 'stable', notes: 'Matrix' } }),
    expect: releaseStaff(201),
  },
  { method: 'GET', url: '/api/v1/staff/releases/:releaseId', request: (f) => ({ url: `/api/v1/staff/releases/${f.draftRelease}` }), expect: releaseStaff(200) },
  {
    method: 'PATCH',
    url: '/api/v1/staff/releases/:releaseId',
    request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).patch}`, payload: { notes: 'Edited' }, headers: { 'if-match': '"1"' } }),
    expect: releaseStaff(200),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/releases/:releaseId/publish',
    request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).publish}/publish`, payload: { notify: false }, headers: { 'if-match': '"1"' } }),
    expect: releaseStaff(200),
  },
  {
    method: 'POST',
    url: '/api/v1/staff/releases/:releaseId/unpublish',
    request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).unpublish}/unpublish`, headers: { 'if-match': '"1"' } }),
    expect: releaseStaff(200),
  },
  { method: 'DELETE', url: '/api/v1/staff/releases/:releaseId', request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).remove}` }), expect: releaseStaff(204) },
  {
    method: 'DELETE',
    url: '/api/v1/staff/releases/:releaseId/artifacts/:artifactId',
    request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).fileRelease}/artifacts/${perRelease(f, a).file}` }),
    expect: releaseStaff(204),
  },
  {
    method: 'PUT',
    url: '/api/v1/staff/releases/:releaseId/artifacts/:artifactId/signature',
    request: (f, a) => ({
      url: `/api/v1/staff/releases/${perRelease(f, a).fileRelease}/artifacts/${perRelease(f, a).signed}/signature?fileName=file.sig`,
      payload: Buffer.from('signature'),
      headers: { 'content-type': 'application/octet-stream' },
    }),
    expect: releaseStaff(204),
  },
  {
    method: 'DELETE',
    url: '/api/v1/staff/releases/:releaseId/artifacts/:artifactId/signature',
    request: (f, a) => ({ url: `/api/v1/staff/releases/${perRelease(f, a).fileRelease}/artifacts/${perRelease(f, a).signed}/signature` }),
    expect: releaseStaff(204),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/outbox',
    expect: signedIn(404, { agent: 403, staffBilling: 403, release: 403, staffAdmin: 200 }),
  },
  {
    method: 'GET',
    url: '/api/v1/staff/outbox/:mailId',
    request: (f) => ({ url: `/api/v1/staff/outbox/${f.mailId}` }),
    expect: signedIn(404, { agent: 403, staffBilling: 403, release: 403, staffAdmin: 200 }),
  },
];

let t: TestApp;
let fixture: Fixture;
const cookies = {} as Record<ActorName, string | undefined>;

beforeAll(async () => {
  t = await createTestApp();
  const accountA = await buildAccount(t.db, { name: 'Account A' });
  const accountB = await buildAccount(t.db, { name: 'Account B' });
  const users = {
    member: (await buildMember(t.db, { account: accountA, role: 'member' })).user,
    keyManager: (await buildMember(t.db, { account: accountA, role: 'key_manager' })).user,
    admin: (await buildMember(t.db, { account: accountA, role: 'admin' })).user,
    otherAdmin: (await buildMember(t.db, { account: accountB, role: 'admin' })).user,
    agent: (await buildStaff(t.db, { staffRole: 'agent' })).user,
    staffBilling: (await buildStaff(t.db, { staffRole: 'billing' })).user,
    release: (await buildStaff(t.db, { staffRole: 'release' })).user,
    staffAdmin: (await buildStaff(t.db, { staffRole: 'admin' })).user,
  };
  const { mailId } = await queueMail(t.db, { mail: { to: 'x@example.test', subject: 'Matrix', text: 'x' }, deliver: false });
  const target = (await buildMember(t.db, { account: accountA, role: 'member' })).user.id;
  const removable = (await buildMember(t.db, { account: accountA, role: 'member' })).user.id;
  const invited = (await buildMember(t.db, { account: accountA, role: 'member', status: 'invited' })).user.id;
  const { productId } = await buildProduct(t.db);
  const g1 = await buildKeyGroup(t.db, accountA.id, 'G1');
  const g2 = await buildKeyGroup(t.db, accountA.id, 'G2');
  const g3 = await buildKeyGroup(t.db, accountA.id, 'G3');
  await manageKeyGroup(t.db, { userId: users.keyManager.id, accountId: accountA.id, keyGroupId: g1 });
  const groupKey = (await buildKey(t.db, { accountId: accountA.id, productId, keyGroupId: g1 })).keyId;
  const ownKey = (await buildKey(t.db, { accountId: accountA.id, productId, assignedUserId: users.member.id })).keyId;
  const perActorKey: Fixture['perActorKey'] = {};
  const perActorRelease: Fixture['perActorRelease'] = {};
  for (const a of ['keyManager', 'admin'] as const) {
    perActorKey[a] = (await buildKey(t.db, { accountId: accountA.id, productId, keyGroupId: g1 })).keyId;
    const releaseKey = (await buildKey(t.db, { accountId: accountA.id, productId, keyGroupId: g1 })).keyId;
    perActorRelease[a] = { keyId: releaseKey, activationId: (await buildActivation(t.db, releaseKey)).activationId };
  }
  const memberCase = (await buildCase(t, { accountId: accountA.id, userId: users.member.id })).caseId;
  const perActorCase: Fixture['perActorCase'] = {
    member: (await buildCase(t, { accountId: accountA.id, userId: users.member.id })).caseId,
    keyManager: (await buildCase(t, { accountId: accountA.id, userId: users.admin.id, keyId: groupKey })).caseId,
    admin: (await buildCase(t, { accountId: accountA.id, userId: users.admin.id })).caseId,
  };
  const perStaffCase: Fixture['perStaffCase'] = {};
  for (const a of ['agent', 'staffBilling', 'staffAdmin'] as const) perStaffCase[a] = (await buildCase(t, { accountId: accountA.id, userId: users.member.id })).caseId;
  const memberCookie = await loginAs(t, users.member);
  const tusPost = async (length: number) => {
    const res = await t.request({
      method: 'POST', url: '/api/v1/uploads', cookie: memberCookie,
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': tusMeta(memberCase, 'fixture.txt') },
    });
    if (res.statusCode !== 201) throw new Error(`upload fixture: ${res.statusCode} ${res.body}`);
    return String(res.headers.location).split('/').pop()!;
  };
  const memberUpload = await tusPost(100);
  const memberUploadToDelete = await tusPost(100);
  const finished = await tusPost(5);
  const done = await t.request({
    method: 'PATCH', url: `/api/v1/uploads/${finished}`, cookie: memberCookie, payload: Buffer.from('hello'),
    headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
  });
  const attachment = String(done.headers['attachment-id']);
  const invoice = (await buildInvoice(t.db, { accountId: accountA.id })).invoiceId;
  const perStaffInvoice: Fixture['perStaffInvoice'] = {};
  for (const a of ['staffBilling', 'staffAdmin'] as const) {
    const draft = async () => (await buildInvoice(t.db, { accountId: accountA.id, status: 'draft' })).invoiceId;
    const open = async () => (await buildInvoice(t.db, { accountId: accountA.id })).invoiceId;
    perStaffInvoice[a] = { patch: await draft(), remove: await draft(), issue: await draft(), void: await open(), uncollectible: await open() };
  }
  const published = await buildRelease(t, { productId, version: '2026.3', artifacts: [{ platform: 'linux', arch: 'x64', signature: Buffer.from('sig') }] });
  const draftRelease = (await buildRelease(t, { productId, version: '2026.4-draft', publishedAt: null })).releaseId;
  const perReleaseStaff: Fixture['perReleaseStaff'] = {};
  for (const a of ['release', 'staffAdmin'] as const) {
    const draft = async (v: string) => buildRelease(t, { productId, version: `${a}-${v}`, publishedAt: null });
    const files = await buildRelease(t, { productId, version: `${a}-files`, publishedAt: null, artifacts: [{ platform: 'linux', arch: 'x64' }, { platform: 'windows', arch: 'x64', signature: Buffer.from('sig') }] });
    perReleaseStaff[a] = {
      patch: (await draft('patch')).releaseId, publish: (await draft('publish')).releaseId, remove: (await draft('remove')).releaseId,
      unpublish: (await buildRelease(t, { productId, version: `${a}-unpublish` })).releaseId,
      fileRelease: files.releaseId, file: files.artifacts[0]!.id, signed: files.artifacts[1]!.id,
    };
  }
  const identities: Fixture['identities'] = {
    member: { userId: users.member.id, accountId: accountA.id }, keyManager: { userId: users.keyManager.id, accountId: accountA.id },
    admin: { userId: users.admin.id, accountId: accountA.id }, otherAdmin: { userId: users.otherAdmin.id, accountId: accountB.id },
  };
  const memberSubscription = 'rsb_matrixmembersubscription';
  const now = new Date().toISOString();
  await t.db
    .insertInto('report_subscriptions')
    .values({
      id: memberSubscription, user_id: users.member.id, account_id: accountA.id, report_id: 'maintenance', filters: '{}', frequency: 'weekly', format: 'xlsx',
      status: 'active', paused_reason: null, next_run_at: now, last_sent_at: null, created_at: now, updated_at: now,
    })
    .execute();
  fixture = {
    artifact: published.artifacts[0]!.id, publishedRelease: published.releaseId, draftRelease, linkSecret: t.config.downloads.linkSecret, identities, perReleaseStaff,
    memberSubscription,
    memberUpload, memberUploadToDelete, attachment,
    memberCase, perActorCase, perStaffCase, invoice, perStaffInvoice,
    accountA: accountA.id, mailId, target, removable, invited, product: productId, groupKey, groupActivationKey: groupKey, ownKey, perActorKey, perActorRelease, g2, g3,
  };
  for (const [name, user] of Object.entries(users)) cookies[name as ActorName] = await loginAs(t, user);
});
afterAll(() => t.close());

describe('authorization matrix', () => {
  it('has a row for every registered route', () => {
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.url}`));
    const missing = t.app.routeList.map((r) => `${r.method} ${r.url}`).filter((k) => !covered.has(k));
    expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
  });

  for (const row of MATRIX) {
    for (const actor of ACTORS) {
      // logout would end the session other rows still need; it runs last, below.
      if (row.url === '/api/v1/auth/logout') continue;
      it(`${row.method} ${row.url} as ${actor} → ${row.expect[actor]}`, async () => {
        const req = row.request?.(fixture, actor) ?? {};
        const res = await t.request({
          method: row.method as 'GET',
          url: req.url ?? row.url,
          ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
          ...(req.headers ? { headers: req.headers } : {}),
          ...(cookies[actor] ? { cookie: cookies[actor] } : {}),
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(row.expect[actor]);
      });
    }
  }

  it('POST /api/v1/auth/logout answers every actor with 204', async () => {
    const row = MATRIX.find((r) => r.url === '/api/v1/auth/logout')!;
    for (const actor of ACTORS) {
      const res = await t.request({ method: 'POST', url: row.url, ...(cookies[actor] ? { cookie: cookies[actor] } : {}) });
      expect(res.statusCode, actor).toBe(row.expect[actor]);
    }
  });
});
