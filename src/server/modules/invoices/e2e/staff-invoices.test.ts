import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/accounts.repository.js';
import { buildAccount, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { buildInvoice } from '../../../test-support/invoice-factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { issueScheduledInvoices, reminderStage, sendInvoiceReminders } from '../invoice-duties.js';
import { addDays, todayIso } from '../money.js';

let t: TestApp;
let account: Account;
let customer: string;
let billingStaff: string;
let agent: string;
let productId: string;
const today = todayIso();
const deps = () => ({ config: t.config, db: t.db, dialect: t.dialect, mailer: t.mailer });

const address = { company: 'Rechnung & Co. KG', attention: null, line1: 'Lindenstraße 5', postalCode: '20095', city: 'Hamburg', country: 'DE' };

beforeAll(async () => {
  t = await createTestApp();
  account = await buildAccount(t.db, { name: 'Rechnung & Co. KG' });
  customer = await loginAs(t, (await buildMember(t.db, { account, role: 'admin' })).user);
  await buildMember(t.db, { account, role: 'member', email: 'no-billing-member@rechnung.example' });
  billingStaff = await loginAs(t, (await buildStaff(t.db, { staffRole: 'billing' })).user);
  agent = await loginAs(t, (await buildStaff(t.db, { staffRole: 'agent' })).user);
  productId = (await buildProduct(t.db, { name: 'Portico Desktop' })).productId;
  const etag = (await t.request({ method: 'GET', url: '/api/v1/account', cookie: customer })).headers.etag as string;
  const res = await t.request({
    method: 'PATCH', url: '/api/v1/account', cookie: customer, headers: { 'if-match': etag },
    payload: { billingAddress: address, billingContact: { name: 'Petra Prüfer', email: 'buchhaltung@rechnung.example' }, vatId: 'DE987654321', poReference: 'PO-77' },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

const lines = () => [
  { productId, description: 'Jahreswartung, 10 Plätze', periodStart: '2027-01-01', periodEnd: '2027-12-31', quantity: 10, unitAmount: 12000, taxRateBp: 1900 },
  { description: 'Einrichtung vor Ort', quantity: 1, unitAmount: 80000, taxRateBp: 1900 },
];

async function createDraft(extra: Record<string, unknown> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/v1/staff/invoices', cookie: billingStaff, payload: { accountId: account.id, lines: lines(), ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return { inv: res.json().data, etag: res.headers.etag as string };
}

const mailsTo = (to: string) => t.db.selectFrom('mails').select(['subject', 'text_body', 'to_address']).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();

describe('staff write and issue invoices', () => {
  it('a draft: lines from a product or free text, totals, the account’s currency and language; customers do not see it', async () => {
    const { inv, etag } = await createDraft({ termsDays: 30, memo: 'Vielen Dank für Ihren Auftrag.' });
    expect(inv).toMatchObject({
      status: 'draft', number: null, scheduled: false, currency: 'EUR', language: 'de', subtotal: 200000, tax: 38000, total: 238000, termsDays: 30,
      account: { id: account.id }, abilities: { edit: true, delete: true, issue: true, void: false, recordPayment: false },
    });
    expect(inv.lines[0]).toMatchObject({ product: { id: productId, name: 'Portico Desktop' }, description: 'Jahreswartung, 10 Plätze', amount: 120000, tax: 22800 });
    expect(etag).toBe('"1"');
    expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${inv.id}`, cookie: customer })).statusCode).toBe(404);
    const trail = await t.db.selectFrom('audit_events').select(['action', 'account_id']).where('target_id', '=', inv.id).execute();
    expect(trail).toEqual([{ action: 'invoice.draft_created', account_id: null }]);
  });

  it('refuses an unknown product, a period that ends before it starts, a due date before the issue date', async () => {
    for (const [payload, path] of [
      [{ lines: [{ productId: 'prd_nope', description: 'x', quantity: 1, unitAmount: 1, taxRateBp: 0 }] }, 'body.lines.0.productId'],
      [{ lines: [{ description: 'x', periodStart: '2027-02-01', periodEnd: '2027-01-01', quantity: 1, unitAmount: 1, taxRateBp: 0 }] }, 'body.lines.0.periodEnd'],
      [{ dueDate: addDays(today, -1) }, 'body.dueDate'],
      [{ scheduled: true, issueDate: today }, 'body.issueDate'],
    ] as [Record<string, unknown>, string][]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/staff/invoices', cookie: billingStaff, payload: { accountId: account.id, lines: lines(), ...payload } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].path).toBe(path);
    }
  });

  it('changes a draft with If-Match only', async () => {
    const { inv, etag } = await createDraft();
    expect((await t.request({ method: 'PATCH', url: `/api/v1/staff/invoices/${inv.id}`, cookie: billingStaff, payload: { memo: 'x' } })).statusCode).toBe(428);
    const res = await t.request({
      method: 'PATCH', url: `/api/v1/staff/invoices/${inv.id}`, cookie: billingStaff, headers: { 'if-match': etag },
      payload: { lines: [{ description: 'Nur Beratung', quantity: 2, unitAmount: 15000, taxRateBp: 1900 }], language: 'en', dueDate: addDays(today, 10) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ subtotal: 30000, tax: 5700, total: 35700, language: 'en', termsDays: 10, lines: [{ position: 1, description: 'Nur Beratung' }] });
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/staff/invoices/${inv.id}`, cookie: billingStaff, headers: { 'if-match': etag }, payload: { memo: 'lost' } });
    expect(stale.statusCode).toBe(412);
  });

  it('issuing numbers it, dates it, snapshots the billing data and mails the billing contact the PDF link; then the customer sees it', async () => {
    const { inv, etag } = await createDraft({ termsDays: 14 });
    const res = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${inv.id}/issue`, cookie: billingStaff, headers: { 'if-match': etag } });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json().data;
    expect(issued.number).toMatch(new RegExp(`^INV-${today.slice(0, 4)}-\\d{6}$`));
    expect(issued).toMatchObject({
      status: 'open', issueDate: today, dueDate: addDays(today, 14), vatId: 'DE987654321', poReference: 'PO-77',
      billTo: { accountName: 'Rechnung & Co. KG', address: { city: 'Hamburg' }, contact: { email: 'buchhaltung@rechnung.example' } },
      abilities: { issue: false, void: true, recordPayment: true, markUncollectible: true },
    });
    const [mail] = (await mailsTo('buchhaltung@rechnung.example')).filter((m) => m.subject.includes(issued.number));
    expect(mail?.subject).toBe(`Neue Rechnung ${issued.number} über 2.380,00\u00a0€`);
    expect(mail?.text_body).toContain(`http://portico.test/api/v1/invoices/${inv.id}/pdf`);
    expect(mail?.text_body).toContain(`http://portico.test/invoices/${inv.id}`);
    expect(await mailsTo('no-billing-member@rechnung.example')).toEqual([]);
    const list = (await t.request({ method: 'GET', url: '/api/v1/invoices?tab=unpaid', cookie: customer })).json();
    expect(list.data.map((i: { id: string }) => i.id)).toContain(inv.id);
    const again = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${inv.id}/issue`, cookie: billingStaff, headers: { 'if-match': issued.version ? `"${issued.version}"` : etag } });
    expect(again.statusCode).toBe(409);
  });

  it('concurrent issues of the same draft give it one number; numbers follow each other without gaps', async () => {
    const { inv } = await createDraft();
    const results = await Promise.all(Array.from({ length: 5 }, () => t.request({ method: 'POST', url: `/api/v1/staff/invoices/${inv.id}/issue`, cookie: billingStaff, headers: { 'if-match': '"1"' } })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const first = Number(results.find((r) => r.statusCode === 200)!.json().data.number.slice(-6));
    const { inv: next, etag } = await createDraft();
    const second = (await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${next.id}/issue`, cookie: billingStaff, headers: { 'if-match': etag } })).json().data;
    expect(Number(second.number.slice(-6))).toBe(first + 1);
  });

  it('deletes a draft, never an issued invoice', async () => {
    const { inv } = await createDraft();
    expect((await t.request({ method: 'DELETE', url: `/api/v1/staff/invoices/${inv.id}`, cookie: billingStaff })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/api/v1/staff/invoices/${inv.id}`, cookie: billingStaff })).statusCode).toBe(404);
    const { invoiceId } = await buildInvoice(t.db, { accountId: account.id });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/staff/invoices/${invoiceId}`, cookie: billingStaff })).statusCode).toBe(409);
  });
});

describe('staff settle invoices', () => {
  it('voids an unpaid invoice with a reason; one with a payment is refused', async () => {
    const { invoiceId } = await buildInvoice(t.db, { accountId: account.id });
    const res = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${invoiceId}/void`, cookie: billingStaff, payload: { reason: 'Doppelt gestellt' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ status: 'void', voidReason: 'Doppelt gestellt', tab: 'older', balance: 0 });
    const { invoiceId: partly } = await buildInvoice(t.db, { accountId: account.id, amountPaid: 100 });
    const refused = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${partly}/void`, cookie: billingStaff, payload: { reason: 'x' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('invoice.has_payments');
  });

  it('records bank transfers once per statement reference, partly and in full, with receipts to the billing contact', async () => {
    const { invoiceId, number, total } = await buildInvoice(t.db, { accountId: account.id });
    const url = `/api/v1/staff/invoices/${invoiceId}/payments`;
    const part = await t.request({ method: 'POST', url, cookie: billingStaff, payload: { amount: 5000, reference: 'KTO-2026-0815', receivedAt: today } });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json().data).toMatchObject({ status: 'open', amountPaid: 5000, balance: total - 5000 });
    expect((await t.request({ method: 'POST', url, cookie: billingStaff, payload: { amount: 5000, reference: 'KTO-2026-0815', receivedAt: today } })).statusCode).toBe(409);
    const over = await t.request({ method: 'POST', url, cookie: billingStaff, payload: { amount: total, reference: 'KTO-2026-0816', receivedAt: today } });
    expect(over.statusCode).toBe(422);
    const rest = await t.request({ method: 'POST', url, cookie: billingStaff, payload: { amount: total - 5000, reference: 'KTO-2026-0817', receivedAt: today, note: 'Restzahlung' } });
    expect(rest.json().data).toMatchObject({ status: 'paid', balance: 0, payments: [{ reference: 'KTO-2026-0815' }, { reference: 'KTO-2026-0817' }] });
    const receipts = (await mailsTo('buchhaltung@rechnung.example')).filter((m) => m.subject.startsWith(`Zahlungseingang für Rechnung ${number}`));
    expect(receipts).toHaveLength(2);
    expect(receipts[1]!.text_body).toContain('vollständig bezahlt');
  });

  it('marks an open invoice uncollectible; it stays in Unbezahlt and a later payment settles it', async () => {
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    const res = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${invoiceId}/uncollectible`, cookie: billingStaff });
    expect(res.json().data).toMatchObject({ status: 'uncollectible', tab: 'unpaid', abilities: { markUncollectible: false, recordPayment: true } });
    expect((await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${invoiceId}/uncollectible`, cookie: billingStaff })).statusCode).toBe(409);
    const paid = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${invoiceId}/payments`, cookie: billingStaff, payload: { amount: total, reference: 'INKASSO-1', receivedAt: today } });
    expect(paid.json().data.status).toBe('paid');
  });

  it('lists invoices of every account by account, status, overdue and number; agents may not', async () => {
    const acc = await buildAccount(t.db);
    const { invoiceId: overdue, number } = await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -30), dueDate: addDays(today, -16) });
    const { invoiceId: current } = await buildInvoice(t.db, { accountId: acc.id });
    const { invoiceId: paid } = await buildInvoice(t.db, { accountId: acc.id, status: 'paid' });
    const get = async (q: string) => (await t.request({ method: 'GET', url: `/api/v1/staff/invoices?${q}`, cookie: billingStaff })).json().data.map((i: { id: string }) => i.id);
    expect(await get(`accountId=${acc.id}`)).toEqual([paid, current, overdue]);
    expect(await get(`accountId=${acc.id}&status=open`)).toEqual([current, overdue]);
    expect(await get(`accountId=${acc.id}&overdue=true`)).toEqual([overdue]);
    expect(await get(`q=${number}`)).toEqual([overdue]);
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/invoices', cookie: agent })).statusCode).toBe(403);
    const pdf = await t.request({ method: 'GET', url: `/api/v1/staff/invoices/${overdue}/pdf`, cookie: billingStaff });
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});

describe('scheduled invoices', () => {
  it('the customer sees a scheduled invoice as upcoming; on its day the worker issues it and mails it', async () => {
    const day = addDays(today, 5);
    const { inv } = await createDraft({ scheduled: true, issueDate: day, termsDays: 14 });
    expect(inv).toMatchObject({ status: 'draft', scheduled: true, issueDate: day, dueDate: addDays(day, 14) });
    const upcoming = (await t.request({ method: 'GET', url: '/api/v1/invoices?tab=upcoming', cookie: customer })).json();
    expect(upcoming.data.map((i: { id: string }) => i.id)).toContain(inv.id);
    expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${inv.id}`, cookie: customer })).json().data.abilities.pay).toBe(false);

    expect(await issueScheduledInvoices({ deps: deps(), today: addDays(day, -1) })).toBe(0);
    expect(await issueScheduledInvoices({ deps: deps(), today: day })).toBe(1);
    const issued = (await t.request({ method: 'GET', url: `/api/v1/invoices/${inv.id}`, cookie: customer })).json().data;
    expect(issued).toMatchObject({ status: 'open', issueDate: day, dueDate: addDays(day, 14), tab: 'unpaid' });
    expect((await mailsTo('buchhaltung@rechnung.example')).some((m) => m.subject.includes(issued.number))).toBe(true);
    expect(await issueScheduledInvoices({ deps: deps(), today: day })).toBe(0);
  });
});

describe('payment reminders', () => {
  it('knows the stage an invoice has reached', () => {
    const cfg = { daysBefore: 7, overdueDays: [1, 14] };
    const inv = { issueDate: '2026-03-01', dueDate: '2026-03-31' };
    expect(reminderStage(inv, '2026-03-23', cfg)).toBeNull();
    expect(reminderStage(inv, '2026-03-24', cfg)).toBe('before_7');
    expect(reminderStage(inv, '2026-03-31', cfg)).toBe('before_7');
    expect(reminderStage(inv, '2026-04-01', cfg)).toBe('overdue_1');
    expect(reminderStage(inv, '2026-04-13', cfg)).toBe('overdue_1');
    expect(reminderStage(inv, '2026-04-14', cfg)).toBe('overdue_14');
    expect(reminderStage(inv, '2026-04-20', cfg)).toBe('overdue_14');
    // Issued inside the window: the invoice mail itself is the notice.
    expect(reminderStage({ issueDate: '2026-03-28', dueDate: '2026-03-31' }, '2026-03-29', cfg)).toBeNull();
  });

  it('mails the billing contact once per stage, before the due date and when overdue; never for a paid invoice', async () => {
    const acc = await buildAccount(t.db, { name: 'Erinnerung GmbH' });
    await buildMember(t.db, { account: acc, role: 'admin', email: 'chefin@erinnerung.example' });
    await buildMember(t.db, { account: acc, role: 'member', email: 'mitglied@erinnerung.example' });
    await t.db.updateTable('accounts').set({ billing_contact_name: 'Bernd Buchhalter', billing_contact_email: 'rechnungen@erinnerung.example' }).where('id', '=', acc.id).execute();
    const due = addDays(today, 5);
    const { invoiceId, number } = await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -25), dueDate: due });
    await buildInvoice(t.db, { accountId: acc.id, status: 'paid', issueDate: addDays(today, -25), dueDate: addDays(today, -3) });
    const d = deps();
    const stagesSent = async () => (await t.db.selectFrom('invoice_reminders').select('stage').where('invoice_id', '=', invoiceId).execute()).length;
    // Other tests' invoices share the database: count this invoice's stages, not the run's total.
    for (const [day, expected] of [[today, 1], [addDays(today, 2), 1], [addDays(due, 1), 2], [addDays(due, 3), 2], [addDays(due, 14), 3], [addDays(due, 40), 3]] as const) {
      await sendInvoiceReminders({ deps: d, today: day });
      expect(await stagesSent(), day).toBe(expected);
    }

    const mails = await mailsTo('rechnungen@erinnerung.example');
    expect(mails.map((m) => m.subject)).toEqual([
      `Rechnung ${number} wird am ${due.slice(8)}.${due.slice(5, 7)}.${due.slice(0, 4)} fällig`,
      `Zahlungserinnerung: Rechnung ${number} ist überfällig`,
      `Zahlungserinnerung: Rechnung ${number} ist überfällig`,
    ]);
    expect(mails[0]!.text_body).toContain('Hallo Bernd Buchhalter');
    expect(await mailsTo('chefin@erinnerung.example')).toEqual([]);
    expect(await mailsTo('mitglied@erinnerung.example')).toEqual([]);
    const stages = await t.db.selectFrom('invoice_reminders').select('stage').where('invoice_id', '=', invoiceId).orderBy('sent_at').execute();
    expect(stages.map((s) => s.stage)).toEqual(['before_7', 'overdue_1', 'overdue_14']);
  });

  it('an invoice first seen long overdue gets one reminder, and concurrent runs send it once', async () => {
    const acc = await buildAccount(t.db);
    await buildMember(t.db, { account: acc, role: 'admin', email: 'spaet@reminder.example' });
    await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -60), dueDate: addDays(today, -30) });
    await Promise.all(Array.from({ length: 4 }, () => sendInvoiceReminders({ deps: deps(), today })));
    const mails = await mailsTo('spaet@reminder.example');
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Zahlungserinnerung: Rechnung INV-\d{4}-\d{6} ist überfällig$/)]);
  });
});
