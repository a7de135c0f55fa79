import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsForMembership } from '../../../app/auth/permissions.js';
import type { CustomerRole } from '../../../app/auth/permissions.js';
import {
  buildAccount,
  buildCase,
  buildKey,
  buildKeyGroup,
  buildMember,
  buildProduct,
  buildStaff,
  loginAs,
  manageKeyGroup,
} from '../../../test-support/factories.js';
import { buildInvoice } from '../../../test-support/invoice-factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { canViewCase } from '../../cases/cases.policy.js';
import { addDays, todayIso } from '../../invoices/money.js';
import { canViewKey } from '../../keys/keys.policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
let seq = 0;

/** An activation with the times and version the fixture needs. */
async function activation(keyId: string, a: { at: string; version: string; lastSeen?: string; deactivatedAt?: string }) {
  seq += 1;
  await t.db
    .insertInto('activations')
    .values({
      id: `act_report${seq}${Math.random().toString(36).slice(2, 8)}`, key_id: keyId, fingerprint: `fp-${seq}-${Math.random()}`, hostname: `host-${seq}`, os: 'Linux',
      software_version: a.version, method: 'online', status: a.deactivatedAt ? 'deactivated' : 'active', activated_at: a.at, activated_by_user_id: null,
      last_seen_at: a.lastSeen ?? a.deactivatedAt ?? new Date().toISOString(), deactivated_at: a.deactivatedAt ?? null, deactivation: a.deactivatedAt ? 'software' : null,
      deactivated_by_user_id: null,
    })
    .execute();
}

async function kase(input: { accountId: string; userId: string; keyId?: string; severity: 'p1' | 'p2' | 'p3' | 'p4'; createdAt: string; respondedAt?: string; solvedAt?: string; status: 'new' | 'in_progress' | 'solved'; subject?: string }) {
  const { caseId } = await buildCase(t, { accountId: input.accountId, userId: input.userId, keyId: input.keyId ?? null, status: input.status, subject: input.subject });
  await t.db
    .updateTable('cases')
    .set({ severity: input.severity, created_at: input.createdAt, first_responded_at: input.respondedAt ?? null, solved_at: input.solvedAt ?? null })
    .where('id', '=', caseId)
    .execute();
  return caseId;
}

async function payment(invoiceId: string, accountId: string, amount: number, currency: string, receivedAt: string) {
  seq += 1;
  await t.db
    .insertInto('payments')
    .values({
      id: `pay_report${seq}${Math.random().toString(36).slice(2, 8)}`, invoice_id: invoiceId, account_id: accountId, provider: 'bank_transfer', provider_reference: `ref-${seq}-${Math.random()}`,
      amount, currency, received_at: receivedAt, recorded_by_user_id: null, note: null, created_at: receivedAt,
    })
    .execute();
}

/**
 * One account with five keys, activations, cases and invoices at fixed times, and a second account
 * whose every object would change the numbers if it were counted. The expected numbers in the tests
 * are worked out by hand from this fixture.
 */
async function world() {
  const account = await buildAccount(t.db);
  const desktop = (await buildProduct(t.db, { name: 'Analytics Desktop' })).productId;
  const server = (await buildProduct(t.db, { name: 'Analytics Server' })).productId;
  const berlin = await buildKeyGroup(t.db, account.id, 'Berlin');
  const hamburg = await buildKeyGroup(t.db, account.id, 'Hamburg');
  const admin = (await buildMember(t.db, { account, role: 'admin' })).user;
  const km = (await buildMember(t.db, { account, role: 'key_manager' })).user;
  const member = (await buildMember(t.db, { account, role: 'member' })).user;
  const biller = (await buildMember(t.db, { account, role: 'member', billing: true })).user;
  await manageKeyGroup(t.db, { userId: km.id, accountId: account.id, keyGroupId: berlin });
  const k1 = (await buildKey(t.db, { accountId: account.id, productId: desktop, keyGroupId: berlin, seats: 5, maintenanceEnd: inDays(10) })).keyId;
  const k2 = (await buildKey(t.db, { accountId: account.id, productId: desktop, keyGroupId: hamburg, seats: 2, maintenanceEnd: inDays(45), assignedUserId: member.id })).keyId;
  const k3 = (await buildKey(t.db, { accountId: account.id, productId: server, seats: 10, maintenanceEnd: inDays(100), assignedName: '=HYPERLINK("http://evil.test")' })).keyId;
  const k4 = (await buildKey(t.db, { accountId: account.id, productId: server, keyGroupId: hamburg, seats: 1, maintenanceEnd: inDays(-5), status: 'suspended' })).keyId;
  const k5 = (await buildKey(t.db, { accountId: account.id, productId: desktop, keyGroupId: berlin, seats: 3, maintenanceEnd: inDays(200) })).keyId;

  await activation(k1, { at: '2026-10-06T10:00:00.000Z', version: '2026.1', lastSeen: inDays(-40) });
  await activation(k1, { at: '2026-10-07T10:00:00.000Z', version: '2026.1' });
  await activation(k1, { at: '2026-10-13T10:00:00.000Z', version: '2026.2' });
  await activation(k2, { at: '2026-10-14T10:00:00.000Z', version: '2026.1', deactivatedAt: '2026-10-20T09:00:00.000Z' });
  await activation(k2, { at: '2026-10-20T10:00:00.000Z', version: '2026.2' });
  await activation(k3, { at: '2026-10-01T10:00:00.000Z', version: '2026.3' });
  await activation(k3, { at: '2026-10-26T10:00:00.000Z', version: '2026.3' });

  const c1 = await kase({ accountId: account.id, userId: member.id, severity: 'p3', createdAt: '2026-10-06T08:00:00.000Z', respondedAt: '2026-10-06T10:00:00.000Z', solvedAt: '2026-10-08T08:00:00.000Z', status: 'solved', subject: '+SUM(1,2)' });
  const c2 = await kase({ accountId: account.id, userId: admin.id, keyId: k1, severity: 'p1', createdAt: '2026-10-13T00:00:00.000Z', respondedAt: '2026-10-13T04:00:00.000Z', status: 'in_progress' });
  await kase({ accountId: account.id, userId: admin.id, keyId: k3, severity: 'p2', createdAt: '2026-10-14T00:00:00.000Z', respondedAt: '2026-10-14T01:00:00.000Z', solvedAt: '2026-10-21T00:00:00.000Z', status: 'solved' });
  const c4 = await kase({ accountId: account.id, userId: member.id, severity: 'p4', createdAt: '2026-10-20T00:00:00.000Z', status: 'new' });
  await kase({ accountId: account.id, userId: admin.id, severity: 'p3', createdAt: '2026-09-01T00:00:00.000Z', respondedAt: '2026-09-01T01:00:00.000Z', solvedAt: '2026-10-15T00:00:00.000Z', status: 'solved' });

  const today = todayIso();
  const i1 = await buildInvoice(t.db, { accountId: account.id, issueDate: '2026-08-10', dueDate: addDays(today, -10) });
  const i2 = await buildInvoice(t.db, { accountId: account.id, status: 'paid', issueDate: '2026-09-05', dueDate: '2026-09-19' });
  await payment(i2.invoiceId, account.id, 11900, 'EUR', '2026-09-20T12:00:00.000Z');
  const i3 = await buildInvoice(t.db, { accountId: account.id, issueDate: '2026-10-01', dueDate: addDays(today, 5), amountPaid: 5000 });
  await payment(i3.invoiceId, account.id, 5000, 'EUR', '2026-10-15T12:00:00.000Z');
  await buildInvoice(t.db, { accountId: account.id, status: 'uncollectible', currency: 'USD', issueDate: '2026-10-20', dueDate: addDays(today, -100), lines: [{ unitAmount: 20000, taxRateBp: 0 }] });
  await buildInvoice(t.db, { accountId: account.id, status: 'void', issueDate: '2026-09-10' });
  await buildInvoice(t.db, { accountId: account.id, status: 'draft' });
  await buildInvoice(t.db, { accountId: account.id, issueDate: '2026-07-15', dueDate: addDays(today, -45) });

  // Account B: a key with seats in use and maintenance ending soon, a case and an invoice in every range.
  const other = await buildAccount(t.db);
  const otherAdmin = (await buildMember(t.db, { account: other, role: 'admin' })).user;
  const ok = (await buildKey(t.db, { accountId: other.id, productId: desktop, seats: 50, maintenanceEnd: inDays(10) })).keyId;
  await activation(ok, { at: '2026-10-08T10:00:00.000Z', version: '2026.1' });
  await kase({ accountId: other.id, userId: otherAdmin.id, severity: 'p1', createdAt: '2026-10-08T00:00:00.000Z', status: 'new' });
  await buildInvoice(t.db, { accountId: other.id, issueDate: '2026-09-01', dueDate: addDays(today, -10) });

  const cookies = {
    admin: await loginAs(t, admin), km: await loginAs(t, km), member: await loginAs(t, member), biller: await loginAs(t, biller), otherAdmin: await loginAs(t, otherAdmin),
  };
  return { account, desktop, server, berlin, hamburg, admin, km, member, keys: { k1, k2, k3, k4, k5 }, cases: { c1, c2, c4 }, i1, cookies };
}

type World = Awaited<ReturnType<typeof world>>;
let w: World;
beforeAll(async () => {
  w = await world();
});

async function report(cookie: string, id: string, qs = '') {
  const res = await t.request({ method: 'GET', url: `/api/v1/reports/${id}${qs ? `?${qs}` : ''}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

const ACT_RANGE = 'from=2026-10-05&to=2026-10-25';

describe('the list of reports', () => {
  it('offers each user the reports their rights allow: invoices only to admins and billing users', async () => {
    const ids = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/v1/reports', cookie })).json().data.map((r: { id: string }) => r.id);
    expect(await ids(w.cookies.admin)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases', 'invoices']);
    expect(await ids(w.cookies.biller)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases', 'invoices']);
    expect(await ids(w.cookies.member)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases']);
    expect(await ids(w.cookies.km)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases']);
    const refused = await t.request({ method: 'GET', url: '/api/v1/reports/invoices', cookie: w.cookies.member });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a filter the report does not take and a reversed range', async () => {
    const foreign = await t.request({ method: 'GET', url: '/api/v1/reports/maintenance?severity=p1', cookie: w.cookies.admin });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('report.filter_not_supported');
    const reversed = await t.request({ method: 'GET', url: '/api/v1/reports/cases?from=2026-10-10&to=2026-10-01', cookie: w.cookies.admin });
    expect(reversed.statusCode).toBe(400);
    const window = await t.request({ method: 'GET', url: '/api/v1/reports/maintenance?within=45', cookie: w.cookies.admin });
    expect(window.statusCode).toBe(400);
  });
});

describe('Schlüsselbestand (key inventory)', () => {
  it('counts keys and seats by product, status and assignment, as worked out by hand', async () => {
    const r = await report(w.cookies.admin, 'key-inventory');
    expect(r.totals).toEqual({ keys: 5, seats: 21, seatsUsed: 6, seatsFree: 15, assigned: 2, unassigned: 3 });
    expect(r.chart.points).toEqual([
      { label: 'Analytics Desktop', values: { keys: 3, seatsUsed: 4, seatsFree: 6 } },
      { label: 'Analytics Server', values: { keys: 2, seatsUsed: 2, seatsFree: 9 } },
    ]);
    expect(r.breakdowns.byStatus).toEqual(expect.arrayContaining([{ label: 'active', values: { keys: 4 } }, { label: 'suspended', values: { keys: 1 } }]));
    expect(r.breakdowns.byKeyGroup).toEqual(expect.arrayContaining([
      { label: 'Berlin', values: { keys: 2, seats: 8, seatsUsed: 3 } },
      { label: 'Hamburg', values: { keys: 2, seats: 3, seatsUsed: 1 } },
      { label: '', values: { keys: 1, seats: 10, seatsUsed: 2 } },
    ]));
    const filtered = await report(w.cookies.admin, 'key-inventory', `product=${w.server}&status=active`);
    expect(filtered.totals).toMatchObject({ keys: 1, seats: 10, seatsUsed: 2 });
    const ungrouped = await report(w.cookies.admin, 'key-inventory', 'keyGroup=none');
    expect(ungrouped.totals.keys).toBe(1);
  });

  it('shows a key manager their groups and a member their own keys, as the key list does', async () => {
    expect((await report(w.cookies.km, 'key-inventory')).totals).toMatchObject({ keys: 2, seats: 8, seatsUsed: 3 });
    expect((await report(w.cookies.member, 'key-inventory')).totals).toMatchObject({ keys: 1, seats: 2, seatsUsed: 1 });
    expect((await report(w.cookies.otherAdmin, 'key-inventory')).totals).toMatchObject({ keys: 1, seats: 50, seatsUsed: 1 });
  });
});

describe('Wartung und Verlängerung (maintenance)', () => {
  it('lists the keys whose maintenance ends in the window, soonest first, with the renewal action', async () => {
    const r = await report(w.cookies.admin, 'maintenance');
    expect(r.filters.within).toBe(90);
    expect(r.chart.points).toEqual([
      { label: 'd0_30', values: { keys: 1, seats: 5 } },
      { label: 'd31_60', values: { keys: 1, seats: 2 } },
      { label: 'd61_90', values: { keys: 0, seats: 0 } },
    ]);
    expect(r.table.rows.map((row: { keyId: string }) => row.keyId)).toEqual([w.keys.k1, w.keys.k2]);
    expect(r.table.rows[0]).toMatchObject({ product: 'Analytics Desktop', keyGroup: 'Berlin', seats: 5, daysLeft: 10, requestRenewal: true });
    const wide = await report(w.cookies.admin, 'maintenance', 'within=180');
    expect(wide.table.rows.map((row: { keyId: string }) => row.keyId)).toEqual([w.keys.k1, w.keys.k2, w.keys.k3]);
    expect(wide.totals).toEqual({ keys: 3, seats: 17 });
  });

  it('narrows to the key manager’s groups and the member’s keys', async () => {
    expect((await report(w.cookies.km, 'maintenance')).table.rows.map((row: { keyId: string }) => row.keyId)).toEqual([w.keys.k1]);
    expect((await report(w.cookies.member, 'maintenance')).table.rows.map((row: { keyId: string }) => row.keyId)).toEqual([w.keys.k2]);
  });
});

describe('Aktivierungen und Versionen (activations)', () => {
  it('counts activations and deactivations per week, versions in use and machines not seen for N days', async () => {
    const r = await report(w.cookies.admin, 'activations', ACT_RANGE);
    expect(r.chart.points).toEqual([
      { label: '2026-10-05', values: { activated: 2, deactivated: 0 } },
      { label: '2026-10-12', values: { activated: 2, deactivated: 0 } },
      { label: '2026-10-19', values: { activated: 1, deactivated: 1 } },
    ]);
    expect(r.breakdowns.versions).toEqual([
      { label: '2026.1', values: { machines: 2, stale: 1 } },
      { label: '2026.2', values: { machines: 2, stale: 0 } },
      { label: '2026.3', values: { machines: 2, stale: 0 } },
    ]);
    expect(r.totals).toEqual({ activated: 5, deactivated: 1, liveMachines: 6, staleMachines: 1 });
    expect(r.lists.staleMachines.rows).toEqual([expect.objectContaining({ product: 'Analytics Desktop', version: '2026.1', os: 'Linux' })]);
    const lenient = await report(w.cookies.admin, 'activations', `${ACT_RANGE}&staleDays=60`);
    expect(lenient.totals.staleMachines).toBe(0);
    expect(lenient.lists.staleMachines.rows).toEqual([]);
  });

  it('counts only the machines of the keys the user sees', async () => {
    expect((await report(w.cookies.km, 'activations', ACT_RANGE)).totals).toEqual({ activated: 3, deactivated: 0, liveMachines: 3, staleMachines: 1 });
    expect((await report(w.cookies.member, 'activations', ACT_RANGE)).totals).toEqual({ activated: 2, deactivated: 1, liveMachines: 1, staleMachines: 0 });
  });
});

describe('Fälle (cases)', () => {
  it('counts opened and solved per week, the open backlog and the median times, as worked out by hand', async () => {
    const r = await report(w.cookies.admin, 'cases', ACT_RANGE);
    expect(r.chart.points).toEqual([
      { label: '2026-10-05', values: { opened: 1, solved: 1 } },
      { label: '2026-10-12', values: { opened: 2, solved: 1 } },
      { label: '2026-10-19', values: { opened: 1, solved: 1 } },
    ]);
    expect(r.totals).toEqual({ opened: 4, solved: 3, backlog: 2, medianFirstResponseHours: 2, medianSolutionHours: 108 });
    expect(r.table.rows).toContainEqual({ week: '2026-10-12', type: 'technical', severity: 'p1', opened: 1, solved: 0 });
    expect(r.table.rows).toContainEqual({ week: '2026-10-12', type: 'customer_service', severity: 'p3', opened: 0, solved: 1 });
    expect(r.breakdowns.bySeverity.find((s: { label: string }) => s.label === 'p1').values).toEqual({ opened: 1, solved: 0, open: 1 });
    const technical = await report(w.cookies.admin, 'cases', `${ACT_RANGE}&type=technical`);
    expect(technical.totals).toEqual({ opened: 2, solved: 1, backlog: 1, medianFirstResponseHours: 2.5, medianSolutionHours: 168 });
  });

  it('counts for a member only their own cases, for a key manager the cases about their groups’ keys', async () => {
    expect((await report(w.cookies.member, 'cases', ACT_RANGE)).totals).toEqual({ opened: 2, solved: 1, backlog: 1, medianFirstResponseHours: 2, medianSolutionHours: 48 });
    expect((await report(w.cookies.km, 'cases', ACT_RANGE)).totals).toEqual({ opened: 1, solved: 0, backlog: 1, medianFirstResponseHours: 4, medianSolutionHours: null });
  });
});

describe('Rechnungen (invoices)', () => {
  it('sums billed and paid per month and currency, the open balance and its ageing', async () => {
    const r = await report(w.cookies.admin, 'invoices', 'from=2026-08-01&to=2026-10-31');
    expect(r.chart.keys).toEqual(['billed:EUR', 'paid:EUR', 'billed:USD', 'paid:USD']);
    expect(r.table.rows).toEqual([
      { month: '2026-08', currency: 'EUR', billed: 11900, paid: 0 },
      { month: '2026-09', currency: 'EUR', billed: 11900, paid: 11900 },
      { month: '2026-10', currency: 'EUR', billed: 11900, paid: 5000 },
      { month: '2026-10', currency: 'USD', billed: 20000, paid: 0 },
    ]);
    expect(r.totals).toEqual({
      billed: { EUR: 35700, USD: 20000 },
      paid: { EUR: 16900, USD: 0 },
      openBalance: { EUR: 30700, USD: 20000 },
      overdue: { EUR: 23800, USD: 20000 },
    });
    expect(r.breakdowns.ageing).toEqual([
      { label: 'not_due', values: { EUR: 6900, USD: 0 } },
      { label: 'd1_30', values: { EUR: 11900, USD: 0 } },
      { label: 'd31_60', values: { EUR: 11900, USD: 0 } },
      { label: 'd61_90', values: { EUR: 0, USD: 0 } },
      { label: 'd90_plus', values: { EUR: 0, USD: 20000 } },
    ]);
    const usd = await report(w.cookies.biller, 'invoices', 'from=2026-08-01&to=2026-10-31&currency=USD');
    expect(usd.totals).toEqual({ billed: { USD: 20000 }, paid: { USD: 0 }, openBalance: { USD: 20000 }, overdue: { USD: 20000 } });
  });

  it('is refused to members without the billing flag and key managers', async () => {
    for (const cookie of [w.cookies.member, w.cookies.km]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/reports/invoices', cookie })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/v1/reports/invoices?format=csv', cookie })).statusCode).toBe(403);
    }
  });
});

describe('exports', () => {
  it('streams CSV with formulas neutralised and one row per object behind the report', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/reports/key-inventory?format=csv&lang=de', cookie: w.cookies.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="schluesselbestand-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Product Key');
    expect(lines).toHaveLength(6);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const cases = await t.request({ method: 'GET', url: `/api/v1/reports/cases?format=csv&lang=en&${ACT_RANGE}`, cookie: w.cookies.member });
    const caseLines = cases.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(caseLines[0]).toContain('Case number');
    expect(caseLines).toHaveLength(3);
    expect(cases.body).toContain("'+SUM(1,2)");
  });

  it('streams an XLSX that opens and holds the rows of the report', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/reports/maintenance?format=xlsx&within=180&lang=en', cookie: w.cookies.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(2).value).toBe('Product key');
    expect(sheet.getRow(2).getCell(3).value).toBe('Analytics Desktop');
    expect(sheet.getRow(2).getCell(7).value).toBe(5);
    expect(sheet.getRow(4).getCell(6).value).toBe('=HYPERLINK("http://evil.test")');
    const invoices = await t.request({ method: 'GET', url: '/api/v1/reports/invoices?format=xlsx&from=2026-08-01&to=2026-10-31', cookie: w.cookies.admin });
    const ib = new ExcelJS.Workbook();
    await ib.xlsx.load(invoices.rawPayload as unknown as ArrayBuffer);
    // German headings (the admin's account language) and money in the currency's major unit.
    expect(ib.worksheets[0]!.getRow(1).getCell(7).value).toBe('Betrag');
    // Every invoice issued in the range, the void one too (with its status), never the draft or another account's.
    expect(ib.worksheets[0]!.rowCount).toBe(6);
    expect(ib.worksheets[0]!.getColumn(3).values.slice(2)).toEqual(['open', 'paid', 'void', 'open', 'uncollectible']);
    expect(ib.worksheets[0]!.getRow(2).getCell(7).value).toBe(119);
  });
});

describe('scope', () => {
  it('never counts a key or case the single-object policy denies (property check over random accounts)', async () => {
    for (let round = 0; round < 3; round++) {
      const account = await buildAccount(t.db);
      const { productId } = await buildProduct(t.db);
      const groups = [await buildKeyGroup(t.db, account.id), await buildKeyGroup(t.db, account.id)];
      const roles: CustomerRole[] = ['admin', 'key_manager', 'key_manager', 'member', 'member'];
      const people = [];
      for (const role of roles) {
        const caseAdmin = role === 'member' && Math.random() < 0.3;
        people.push({ role, caseAdmin, user: (await buildMember(t.db, { account, role, caseAdmin })).user });
      }
      const managed = new Map<string, string[]>();
      for (const p of people.filter((x) => x.role === 'key_manager')) {
        const mine = groups.filter(() => Math.random() < 0.6);
        managed.set(p.user.id, mine);
        for (const g of mine) await manageKeyGroup(t.db, { userId: p.user.id, accountId: account.id, keyGroupId: g });
      }
      const keyFacts = [];
      for (let i = 0; i < 8; i++) {
        const keyGroupId = [...groups, null][Math.floor(Math.random() * 3)] ?? null;
        const assignee = Math.random() < 0.5 ? people[Math.floor(Math.random() * people.length)]!.user.id : null;
        const seats = 1 + Math.floor(Math.random() * 5);
        const { keyId } = await buildKey(t.db, { accountId: account.id, productId, keyGroupId, assignedUserId: assignee, seats, maintenanceEnd: inDays(5 + Math.floor(Math.random() * 80)) });
        keyFacts.push({ id: keyId, accountId: account.id, keyGroupId, assignedUserId: assignee, seats });
      }
      const caseFacts = [];
      for (let i = 0; i < 8; i++) {
        const creator = people[Math.floor(Math.random() * people.length)]!;
        const key = Math.random() < 0.5 ? keyFacts[Math.floor(Math.random() * keyFacts.length)]! : null;
        const caseId = await kase({ accountId: account.id, userId: creator.user.id, keyId: key?.id, severity: 'p3', createdAt: inDays(-3), status: 'new' });
        const cc = people.filter((p) => p.user.id !== creator.user.id && Math.random() < 0.25).map((p) => p.user.id);
        for (const userId of cc) await t.db.insertInto('case_ccs').values({ case_id: caseId, user_id: userId }).execute();
        caseFacts.push({ id: caseId, accountId: account.id, createdByUserId: creator.user.id, contactUserId: creator.user.id, ccUserIds: cc, keyGroupId: key?.keyGroupId ?? null });
      }
      for (const p of people) {
        const actor = {
          kind: 'customer' as const, userId: p.user.id, sessionId: 's', accountId: account.id, role: p.role, caseAdmin: p.caseAdmin, billing: false, downloads: false,
          permissions: permissionsForMembership({ role: p.role, caseAdmin: p.caseAdmin, billing: false, downloads: false }),
        };
        const ka = { actor, managedGroupIds: managed.get(p.user.id) ?? [] };
        const keys = keyFacts.filter((k) => canViewKey(ka, k));
        const cases = caseFacts.filter((c) => canViewCase(ka, c));
        const cookie = await loginAs(t, p.user);
        const inventory = await report(cookie, 'key-inventory');
        expect(inventory.totals.keys, `${p.role} round ${round}`).toBe(keys.length);
        expect(inventory.totals.seats).toBe(keys.reduce((s, k) => s + k.seats, 0));
        const maintenance = await report(cookie, 'maintenance');
        expect(maintenance.table.rows.map((r: { keyId: string }) => r.keyId).sort()).toEqual(keys.map((k) => k.id).sort());
        // Each key reads as the key list shows it to this user (whole or masked).
        const listed = (await t.request({ method: 'GET', url: '/api/v1/keys?limit=100', cookie })).json().data as { id: string; licenseKey: string }[];
        for (const row of maintenance.table.rows as { keyId: string; licenseKey: string }[]) {
          expect(row.licenseKey).toBe(listed.find((k) => k.id === row.keyId)?.licenseKey);
        }
        const caseReport = await report(cookie, 'cases');
        expect(caseReport.totals.opened, `${p.role} cases round ${round}`).toBe(cases.length);
        expect(caseReport.totals.backlog).toBe(cases.length);
        const csv = (await t.request({ method: 'GET', url: '/api/v1/reports/cases?format=csv', cookie })).body.replace(/^\uFEFF/, '').trim().split('\r\n');
        expect(csv.length - 1).toBe(cases.length);
      }
    }
  });
});

describe('the staff console’s reports', () => {
  it('counts across all accounts or one, by the staff role’s rights', async () => {
    const agent = await loginAs(t, (await buildStaff(t.db, { staffRole: 'agent' })).user);
    const billing = await loginAs(t, (await buildStaff(t.db, { staffRole: 'billing' })).user);
    const release = await loginAs(t, (await buildStaff(t.db, { staffRole: 'release' })).user);
    const offered = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/v1/staff/reports', cookie })).json().data.map((r: { id: string }) => r.id);
    expect(await offered(agent)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases']);
    expect(await offered(billing)).toEqual(['key-inventory', 'maintenance', 'activations', 'cases', 'invoices']);
    const unknown = await t.request({ method: 'GET', url: '/api/v1/staff/reports/key-inventory?accountId=acc_nope', cookie: agent });
    expect(unknown.statusCode).toBe(404);
    const one = await t.request({ method: 'GET', url: `/api/v1/staff/reports/key-inventory?accountId=${w.account.id}`, cookie: agent });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().data.totals).toEqual({ keys: 5, seats: 21, seatsUsed: 6, seatsFree: 15, assigned: 2, unassigned: 3 });
    const all = await t.request({ method: 'GET', url: '/api/v1/staff/reports/key-inventory', cookie: agent });
    expect(all.json().data.totals.keys).toBeGreaterThanOrEqual(6);
    const cases = await t.request({ method: 'GET', url: `/api/v1/staff/reports/cases?accountId=${w.account.id}&${ACT_RANGE}`, cookie: agent });
    expect(cases.json().data.totals).toEqual({ opened: 4, solved: 3, backlog: 2, medianFirstResponseHours: 2, medianSolutionHours: 108 });
    // Billing staff work the Kundendienst cases only: c1 and c4 opened, c1 and the September case solved.
    const cs = await t.request({ method: 'GET', url: `/api/v1/staff/reports/cases?accountId=${w.account.id}&${ACT_RANGE}`, cookie: billing });
    expect(cs.json().data.totals).toMatchObject({ opened: 2, solved: 2, backlog: 1 });
    const invoices = await t.request({ method: 'GET', url: `/api/v1/staff/reports/invoices?accountId=${w.account.id}&from=2026-08-01&to=2026-10-31`, cookie: billing });
    expect(invoices.json().data.totals.openBalance).toEqual({ EUR: 30700, USD: 20000 });
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/reports/invoices', cookie: agent })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/reports/cases', cookie: release })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/reports/cases', cookie: w.cookies.admin })).statusCode).toBe(404);
    const csv = await t.request({ method: 'GET', url: `/api/v1/staff/reports/maintenance?accountId=${w.account.id}&format=csv`, cookie: agent });
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(3);
  });
});
