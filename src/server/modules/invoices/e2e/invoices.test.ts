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
