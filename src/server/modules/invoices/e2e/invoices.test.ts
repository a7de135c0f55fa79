import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/accounts.repository.js';
import { buildAccount, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { buildInvoice } from '../../../test-support/invoice-factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { addDays, todayIso } from '../money.js';

let t: TestApp;
let account: Account;
let admin: string;
let billingMember: string;
let member: string;
let otherAdmin: string;
let staffBilling: string;
const today = todayIso();

/** The PDF's text as poppler's pdftotext reads it (layout kept), with no-break spaces made plain. */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-pdf-'));
  const file = path.join(dir, 'invoice.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  account = await buildAccount(t.db, { name: 'Müller & Söhne GmbH' });
  admin = await loginAs(t, (await buildMember(t.db, { account, role: 'admin', billing: false })).user);
  billingMember = await loginAs(t, (await buildMember(t.db, { account, role: 'member', billing: true })).user);
  member = await loginAs(t, (await buildMember(t.db, { account, role: 'member' })).user);
  otherAdmin = await loginAs(t, (await buildMember(t.db, { role: 'admin' })).user);
  staffBilling = await loginAs(t, (await buildStaff(t.db, { staffRole: 'billing' })).user);
});
afterAll(() => t.close());

describe('Rechnungen: the three tabs', () => {
  let acc: Account;
  let cookie: string;
  const ids = {} as Record<'scheduled' | 'draft' | 'overdue' | 'open' | 'partly' | 'usd' | 'paid' | 'void' | 'uncollectible', string>;

  beforeAll(async () => {
    acc = await buildAccount(t.db);
    cookie = await loginAs(t, (await buildMember(t.db, { account: acc, role: 'admin' })).user);
    ids.scheduled = (await buildInvoice(t.db, { accountId: acc.id, status: 'draft', scheduled: true, issueDate: addDays(today, 20) })).invoiceId;
    ids.draft = (await buildInvoice(t.db, { accountId: acc.id, status: 'draft' })).invoiceId;
    ids.overdue = (await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -40), dueDate: addDays(today, -26) })).invoiceId;
    ids.open = (await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -3), dueDate: addDays(today, 11), lines: [{ unitAmount: 5000 }] })).invoiceId;
    ids.partly = (await buildInvoice(t.db, { accountId: acc.id, issueDate: addDays(today, -5), dueDate: addDays(today, 9), amountPaid: 4000 })).invoiceId;
    ids.usd = (await buildInvoice(t.db, { accountId: acc.id, currency: 'USD', issueDate: addDays(today, -2), dueDate: addDays(today, 12), lines: [{ unitAmount: 20000, taxRateBp: 0 }] })).invoiceId;
    ids.paid = (await buildInvoice(t.db, { accountId: acc.id, status: 'paid', issueDate: addDays(today, -60), dueDate: addDays(today, -46) })).invoiceId;
    ids.void = (await buildInvoice(t.db, { accountId: acc.id, status: 'void', issueDate: addDays(today, -90), dueDate: addDays(today, -76) })).invoiceId;
    ids.uncollectible = (await buildInvoice(t.db, { accountId: acc.id, status: 'uncollectible', issueDate: addDays(today, -120), dueDate: addDays(today, -106) })).invoiceId;
  });

  const list = async (query: string, c = cookie) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/invoices?${query}`, cookie: c });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('Demnächst fällig holds the scheduled invoices, never an unscheduled draft', async () => {
    const body = await list('tab=upcoming');
    expect(body.data.map((i: { id: string }) => i.id)).toEqual([ids.scheduled]);
    expect(body.data[0]).toMatchObject({ number: null, status: 'draft', scheduled: true, tab: 'upcoming', balance: 11900 });
  });

  it('Unbezahlt lists open and written-off invoices, longest overdue first, with overdue marked and the balance', async () => {
    const body = await list('tab=unpaid');
    expect(body.data.map((i: { id: string }) => i.id)).toEqual([ids.uncollectible, ids.overdue, ids.partly, ids.open, ids.usd]);
    const overdue = body.data.find((i: { id: string }) => i.id === ids.overdue);
    expect(overdue).toMatchObject({ overdue: true, daysOverdue: 26, balance: 11900 });
    expect(body.data.find((i: { id: string }) => i.id === ids.open)).toMatchObject({ overdue: false, daysOverdue: 0, total: 5950 });
    expect(body.data.find((i: { id: string }) => i.id === ids.partly)).toMatchObject({ amountPaid: 4000, balance: 7900 });
  });

  it('Ältere Rechnungen holds paid and void invoices, newest first', async () => {
    const body = await list('tab=older');
    expect(body.data.map((i: { id: string }) => i.id)).toEqual([ids.paid, ids.void]);
    expect(body.data[1]).toMatchObject({ status: 'void', balance: 0 });
  });

  it('totals every tab per currency on the first page', async () => {
    const body = await list('tab=unpaid');
    expect(body.totals.upcoming).toEqual({ count: 1, amounts: [{ currency: 'EUR', total: 11900, balance: 11900 }] });
    expect(body.totals.unpaid.count).toBe(5);
    expect(body.totals.unpaid.amounts).toEqual([
      { currency: 'EUR', total: 11900 * 3 + 5950, balance: 11900 * 3 + 5950 - 4000 },
      { currency: 'USD', total: 20000, balance: 20000 },
    ]);
    expect(body.totals.older).toEqual({ count: 2, amounts: [{ currency: 'EUR', total: 23800, balance: 11900 }] });
  });

  it('pages with a cursor through a tab without gaps or repeats, totals only on the first page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await list(`tab=unpaid&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      if (cursor) expect(body.totals).toBeNull();
      seen.push(...body.data.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.uncollectible, ids.overdue, ids.partly, ids.open, ids.usd]);
    const bad = await t.request({ method: 'GET', url: '/api/v1/invoices?tab=unpaid&cursor=nonsense', cookie });
    expect(bad.statusCode).toBe(400);
  });

  it('finds an invoice by part of its number and filters by issue date', async () => {
    const number = (await t.db.selectFrom('invoices').select('number').where('id', '=', ids.overdue).executeTakeFirstOrThrow()).number!;
    const found = await list(`tab=unpaid&q=${encodeURIComponent(number.slice(-6).toLowerCase())}`);
    expect(found.data.map((i: { id: string }) => i.id)).toEqual([ids.overdue]);
    expect(found.totals.unpaid.count).toBe(1);
    const ranged = await list(`tab=unpaid&from=${addDays(today, -5)}&to=${addDays(today, -2)}`);
    expect(ranged.data.map((i: { id: string }) => i.id)).toEqual([ids.partly, ids.open, ids.usd]);
    expect((await list('tab=unpaid&q=%25')).data).toEqual([]);
  });

  it('pages through a search that matches some, in the tab\'s order, with the totals of the matches', async () => {
    const order = [ids.uncollectible, ids.overdue, ids.partly, ids.open, ids.usd];
    const numbers = new Map((await t.db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', order).execute()).map((r) => [r.id, r.number!]));
    // The piece of a number that most of the unpaid invoices have, but not all.
    const hits = (p: string) => order.filter((id) => numbers.get(id)!.includes(p)).length;
    const pieces = [...new Set([...numbers.values()].flatMap((n) => Array.from({ length: n.length }, (_, i) => [n.slice(i, i + 1), n.slice(i, i + 2)]).flat()))];
    const piece = pieces.filter((p) => hits(p) < order.length).sort((a, b) => hits(b) - hits(a))[0];
    expect(piece).toBeDefined();
    const expected = order.filter((id) => numbers.get(id)!.includes(piece!));
    const seen: string[] = [];
    let cursor: string | null = null;
    let count: number | null = null;
    do {
      const body = await list(`tab=unpaid&q=${encodeURIComponent(piece!.toLowerCase())}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      count ??= body.totals.unpaid.count;
      seen.push(...body.data.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(count).toBe(expected.length);
  });
});

describe('who sees invoices', () => {
  let invoiceId: string;
  beforeAll(async () => {
    invoiceId = (await buildInvoice(t.db, { accountId: account.id })).invoiceId;
  });

  it('admins and billing users see the list, the invoice and its PDF', async () => {
    for (const cookie of [admin, billingMember]) {
      expect((await t.request({ method: 'GET', url: '/api/v1/invoices?tab=unpaid', cookie })).json().data.map((i: { id: string }) => i.id)).toContain(invoiceId);
      expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, cookie })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}/pdf`, cookie })).statusCode).toBe(200);
    }
  });

  it('a member without the billing flag sees no invoice anywhere: list, search, invoice, PDF, pay', async () => {
    const number = (await t.db.selectFrom('invoices').select('number').where('id', '=', invoiceId).executeTakeFirstOrThrow()).number!;
    for (const url of ['/api/v1/invoices?tab=unpaid', `/api/v1/invoices?tab=unpaid&q=${number}`, `/api/v1/invoices/${invoiceId}`, `/api/v1/invoices/${invoiceId}/pdf`]) {
      const res = await t.request({ method: 'GET', url, cookie: member });
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(number);
    }
    expect((await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: member })).statusCode).toBe(403);
  });

  it("another account's invoice is not found, not forbidden", async () => {
    for (const url of [`/api/v1/invoices/${invoiceId}`, `/api/v1/invoices/${invoiceId}/pdf`]) {
      expect((await t.request({ method: 'GET', url, cookie: otherAdmin })).statusCode, url).toBe(404);
    }
    expect((await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: otherAdmin })).statusCode).toBe(404);
    const list = (await t.request({ method: 'GET', url: '/api/v1/invoices?tab=unpaid', cookie: otherAdmin })).json();
    expect(list.data).toEqual([]);
    expect(list.totals.unpaid.count).toBe(0);
  });

  it('an unscheduled draft is not found by customers; staff use the console', async () => {
    const draft = (await buildInvoice(t.db, { accountId: account.id, status: 'draft' })).invoiceId;
    expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${draft}`, cookie: admin })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, cookie: staffBilling })).statusCode).toBe(403);
  });
});

describe('the invoice page and its PDF', () => {
  let invoiceId: string;
  let number: string;

  beforeAll(async () => {
    const { productId } = await buildProduct(t.db, { name: 'Portico Analytics Server' });
    const inv = await buildInvoice(t.db, {
      accountId: account.id,
      vatId: 'DE123456789',
      billTo: {
        accountName: 'Müller & Söhne GmbH',
        address: { company: 'Müller & Söhne GmbH', attention: 'Jürgen Weiß', line1: 'Königsallee 12', line2: null, postalCode: '40212', city: 'Düsseldorf', region: null, country: 'DE' },
        contact: { name: 'Jürgen Weiß', email: 'buchhaltung@mueller.example' },
      },
      lines: [
        { productId, productName: 'Portico Analytics Server', description: 'Wartung und Updates, 25 Benutzer', quantity: 25, unitAmount: 4800, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
        { description: 'Schulung „Dashboards für Einsteiger“ (ganztägig)', quantity: 1, unitAmount: 95000, taxRateBp: 1900 },
        { description: 'Fachbuch Datenanalyse', quantity: 2, unitAmount: 3990, taxRateBp: 700 },
      ],
      amountPaid: 50000,
    });
    invoiceId = inv.invoiceId;
    number = inv.number!;
    await t.db.insertInto('payments').values({
      id: 'pay_testpartial0001', invoice_id: invoiceId, account_id: account.id, provider: 'bank_transfer', provider_reference: 'BANK-STMT-4711', amount: 50000, currency: 'EUR',
      received_at: new Date().toISOString(), recorded_by_user_id: null, note: null, created_at: new Date().toISOString(),
    }).execute();
  });

  it('shows the snapshot, lines, totals, payments and what may be done', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, cookie: billingMember });
    expect(res.statusCode).toBe(200);
    const inv = res.json().data;
    // 25 × 48,00 = 1.200,00 (19 % = 228,00); 950,00 (180,50); 2 × 39,90 = 79,80 (7 % = 5,59)
    expect(inv).toMatchObject({
      number, status: 'open', subtotal: 120000 + 95000 + 7980, tax: 22800 + 18050 + 559, amountPaid: 50000, vatId: 'DE123456789',
      billTo: { address: { city: 'Düsseldorf', attention: 'Jürgen Weiß' } }, pdfUrl: `/api/v1/invoices/${invoiceId}/pdf`, abilities: { pay: true, downloadPdf: true },
    });
    expect(inv.total).toBe(inv.subtotal + inv.tax);
    expect(inv.balance).toBe(inv.total - 50000);
    expect(inv.lines[0]).toMatchObject({ position: 1, product: { name: 'Portico Analytics Server' }, quantity: 25, unitAmount: 4800, taxRateBp: 1900, amount: 120000, tax: 22800, periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(inv.payments).toEqual([expect.objectContaining({ provider: 'bank_transfer', reference: 'BANK-STMT-4711', amount: 50000 })]);
  });

  it('the PDF holds the number, dates, address, every line, the totals and the payment, with € and umlauts, in German', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}/pdf`, cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Rechnung-${number}.pdf"`);
    const text = pdfText(res.rawPayload);
    for (const s of [
      `Rechnung ${number}`, 'Rechnungsdatum', 'Fällig am', 'Offen', 'Müller & Söhne GmbH', 'z. Hd. Jürgen Weiß', 'Königsallee 12', '40212 Düsseldorf', 'Deutschland',
      'DE123456789', 'Portico Analytics Server', 'Wartung und Updates, 25 Benutzer', 'Zeitraum: 01.01.2026 – 31.12.2026', 'Schulung „Dashboards für Einsteiger“ (ganztägig)',
      'Fachbuch Datenanalyse', '48,00 €', '1.200,00 €', '950,00 €', '79,80 €', '19 %', 'Zwischensumme (netto)', '2.229,80 €', '414,09 €', 'Gesamtbetrag', '2.643,89 €',
      'Bezahlt', '500,00 €', 'Offener Betrag', '2.143,89 €', 'BANK-STMT-4711', 'IBAN', `Verwendungszweck`, 'Seite 1 von 1',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).toMatch(/\b7 ?%/);
  });

  it('an English invoice prints in English', async () => {
    const { invoiceId: id, number: n } = await buildInvoice(t.db, { accountId: account.id, language: 'en', lines: [{ description: 'Consulting, Zürich office', quantity: 3, unitAmount: 120000 }] });
    const res = await t.request({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, cookie: admin });
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Invoice-${n}.pdf"`);
    const text = pdfText(res.rawPayload);
    for (const s of [`Invoice ${n}`, 'Invoice date', 'Due date', 'Consulting, Zürich office', '€1,200.00', '€3,600.00', 'Total', '€4,284.00', 'Balance due', 'Page 1 of 1']) {
      expect(text, s).toContain(s);
    }
  });

  it('a 50-line invoice runs over pages with the table header repeated and page numbers', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => ({ description: `Lizenz Nr. ${i + 1} – Jahreswartung`, quantity: i + 1, unitAmount: 1234 }));
    const { invoiceId: id } = await buildInvoice(t.db, { accountId: account.id, lines });
    const text = pdfText((await t.request({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, cookie: admin })).rawPayload);
    for (let i = 1; i <= 50; i++) expect(text).toContain(`Lizenz Nr. ${i} – Jahreswartung`);
    const pages = Number(/Seite 1 von (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.match(/Einzelpreis/g)?.length).toBe(pages);
  });
});

describe('Kontodaten: GET and PATCH /api/v1/account', () => {
  const address = { company: 'Müller & Söhne GmbH', attention: 'Buchhaltung', line1: 'Königsallee 12', postalCode: '40212', city: 'Düsseldorf', country: 'de' };

  it('members read the account without its billing data; billing users and admins with it and an ETag', async () => {
    const asMember = await t.request({ method: 'GET', url: '/api/v1/account', cookie: member });
    expect(asMember.json().data).toMatchObject({ billing: null, abilities: { editBilling: false } });
    const asBilling = await t.request({ method: 'GET', url: '/api/v1/account', cookie: billingMember });
    expect(asBilling.json().data).toMatchObject({ billing: { billingAddress: null, vatId: null }, abilities: { editBilling: true, manageSecurity: false } });
    expect(asBilling.headers.etag).toBe(`"${asBilling.json().data.version}"`);
  });

  it('a billing user changes addresses, contact, VAT id and PO reference with If-Match; audited; issued invoices keep their snapshot', async () => {
    const acc = await buildAccount(t.db, { name: 'Snapshot AG' });
    const billing = await loginAs(t, (await buildMember(t.db, { account: acc, role: 'member', billing: true })).user);
    const before = await buildInvoice(t.db, { accountId: acc.id, billTo: { accountName: 'Snapshot AG', address: { ...address, company: 'Alte Firma', country: 'DE', line2: null, region: null }, contact: null } });
    const etag = (await t.request({ method: 'GET', url: '/api/v1/account', cookie: billing })).headers.etag as string;

    const missing = await t.request({ method: 'PATCH', url: '/api/v1/account', cookie: billing, payload: { poReference: 'PO-1' } });
    expect(missing.statusCode).toBe(428);

    const res = await t.request({
      method: 'PATCH', url: '/api/v1/account', cookie: billing, headers: { 'if-match': etag },
      payload: { billingAddress: address, shippingAddress: { ...address, attention: 'Wareneingang', line1: 'Hafenstraße 3' }, billingContact: { name: 'Jürgen Weiß', email: 'Buchhaltung@Mueller.example' }, vatId: 'de 123 456 789', poReference: 'PO-2026-17' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json().data;
    expect(data.billing).toEqual({
      billingAddress: { ...address, country: 'DE', line2: null, region: null },
      shippingAddress: { ...address, country: 'DE', attention: 'Wareneingang', line1: 'Hafenstraße 3', line2: null, region: null },
      billingContact: { name: 'Jürgen Weiß', email: 'buchhaltung@mueller.example' },
      vatId: 'DE123456789',
      poReference: 'PO-2026-17',
    });
    expect(res.headers.etag).not.toBe(etag);

    const stale = await t.request({ method: 'PATCH', url: '/api/v1/account', cookie: billing, headers: { 'if-match': etag }, payload: { poReference: 'PO-lost' } });
    expect(stale.statusCode).toBe(412);

    const audit = await t.db.selectFrom('audit_events').selectAll().where('account_id', '=', acc.id).where('action', '=', 'account.billing_updated').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(typeof audit[0]!.data === 'string' ? audit[0]!.data : JSON.stringify(audit[0]!.data))).fields).toEqual(['billingAddress', 'shippingAddress', 'billingContact', 'vatId', 'poReference']);

    const kept = (await t.request({ method: 'GET', url: `/api/v1/invoices/${before.invoiceId}`, cookie: billing })).json().data;
    expect(kept.billTo.address.company).toBe('Alte Firma');
    expect(kept.vatId).toBeNull();
  });

  it('refuses a VAT id in the wrong format or of another country than the billing address, naming the field', async () => {
    const acc = await buildAccount(t.db);
    const cookie = await loginAs(t, (await buildMember(t.db, { account: acc, role: 'admin' })).user);
    const etag = (await t.request({ method: 'GET', url: '/api/v1/account', cookie })).headers.etag as string;
    for (const [payload, code] of [
      [{ vatId: 'DE12345' }, 'vat_id_format'],
      [{ vatId: 'XX123456789' }, 'vat_id_unknown_country'],
      [{ vatId: 'ATU12345678', billingAddress: address }, 'vat_id_country_mismatch'],
    ] as const) {
      const res = await t.request({ method: 'PATCH', url: '/api/v1/account', cookie, headers: { 'if-match': etag }, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.vatId', code })]);
    }
    const ok = await t.request({ method: 'PATCH', url: '/api/v1/account', cookie, headers: { 'if-match': etag }, payload: { vatId: 'ATU12345678', billingAddress: { ...address, country: 'AT', city: 'Wien', postalCode: '1010' } } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a member without the billing flag may not change Kontodaten; staff may not use the customer route', async () => {
    expect((await t.request({ method: 'PATCH', url: '/api/v1/account', cookie: member, headers: { 'if-match': '"1"' }, payload: { poReference: 'x' } })).statusCode).toBe(403);
    expect((await t.request({ method: 'PATCH', url: '/api/v1/account', cookie: staffBilling, headers: { 'if-match': '"1"' }, payload: { poReference: 'x' } })).statusCode).toBe(403);
    expect((await t.request({ method: 'PATCH', url: '/api/v1/account', cookie: admin, headers: { 'if-match': '"1"' }, payload: {} })).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every invoice, payment and account route with its schemas', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs/json' })).json();
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    expect(op('/api/v1/invoices', 'get').parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['tab', 'q', 'from', 'to', 'cursor', 'limit']));
    expect(op('/api/v1/invoices', 'get').responses['200'].content['application/json'].schema.properties).toHaveProperty('totals');
    expect(op('/api/v1/invoices/{invoiceId}', 'get').responses['200'].content['application/json'].schema.properties.data.properties).toHaveProperty('lines');
    expect(op('/api/v1/invoices/{invoiceId}/pdf', 'get').summary).toMatch(/PDF/);
    expect(op('/api/v1/invoices/{invoiceId}/pay', 'post').responses['200']).toBeDefined();
    expect(op('/api/v1/payments/stripe/webhook', 'post').security).toEqual([]);
    expect(op('/api/v1/account', 'patch').requestBody.content['application/json'].schema.properties).toHaveProperty('vatId');
    for (const [path, method] of [
      ['/api/v1/staff/invoices', 'get'], ['/api/v1/staff/invoices', 'post'], ['/api/v1/staff/invoices/{invoiceId}', 'patch'], ['/api/v1/staff/invoices/{invoiceId}/issue', 'post'],
      ['/api/v1/staff/invoices/{invoiceId}/void', 'post'], ['/api/v1/staff/invoices/{invoiceId}/uncollectible', 'post'], ['/api/v1/staff/invoices/{invoiceId}/payments', 'post'],
    ] as const) {
      expect(op(path, method)?.tags, `${method} ${path}`).toEqual(['staff']);
    }
  });
});
