import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/accounts.repository.js';
import { buildAccount, buildMember, buildStaff, loginAs } from '../../../test-support/factories.js';
import { buildInvoice } from '../../../test-support/invoice-factories.js';
import {
  checkoutCompletedEvent,
  paymentIntentSucceededEvent,
  signEvent,
  type StripeStandIn,
  startStripeStandIn,
  stripeEnv,
} from '../../../test-support/stripe-stand-in.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

const WEBHOOK = '/api/v1/payments/stripe/webhook';

let t: TestApp;
let stand: StripeStandIn;
let account: Account;
let admin: string;
let billingMember: string;

beforeAll(async () => {
  // The hosted checkout page's "Bezahlen" delivers its signed webhook to this app.
  stand = await startStripeStandIn({
    webhook: ({ payload, header }) => t.request({ method: 'POST', url: WEBHOOK, payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } }),
  });
  t = await createTestApp({ env: stripeEnv(stand) });
  account = await buildAccount(t.db, { name: 'Zahlungs GmbH' });
  admin = await loginAs(t, (await buildMember(t.db, { account, role: 'admin', email: `admin-${crypto.randomBytes(3).toString('hex')}@zahlung.example` })).user);
  billingMember = await loginAs(t, (await buildMember(t.db, { account, role: 'member', billing: true })).user);
  await buildMember(t.db, { account, role: 'member', email: `plain-member-${crypto.randomBytes(3).toString('hex')}@zahlung.example` });
});
afterAll(async () => {
  await t.close();
  await stand.close();
});

function deliver(event: object, opts?: Parameters<typeof signEvent>[1]) {
  const { payload, header } = signEvent(event, opts);
  return t.request({ method: 'POST', url: WEBHOOK, payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } });
}

async function state(invoiceId: string) {
  const inv = await t.db.selectFrom('invoices').select(['status', 'amount_paid', 'total', 'version']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  const payments = await t.db.selectFrom('payments').select(['provider_reference', 'amount']).where('invoice_id', '=', invoiceId).execute();
  return { status: inv.status, amountPaid: Number(inv.amount_paid), total: Number(inv.total), version: Number(inv.version), payments: payments.length };
}

const receiptsFor = async (number: string) =>
  (await t.db.selectFrom('mails').select(['to_address', 'subject']).where('subject', 'like', `%${number}%`).execute()).filter((m) => /Zahlungseingang|Payment received/.test(m.subject));

describe('Bezahlen with Stripe Checkout', () => {
  it('creates a checkout for the open balance and answers the same one to the next click', async () => {
    const { invoiceId, number, total } = await buildInvoice(t.db, { accountId: account.id, amountPaid: 1900 });
    const before = stand.created.length;
    const res = await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: billingMember });
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({ method: 'checkout', amount: total - 1900, currency: 'EUR' });
    expect(data.url).toMatch(new RegExp(`^${stand.baseUrl}/c/pay/cs_test_`));
    const call = stand.created[before]!;
    expect(call.form).toMatchObject({
      mode: 'payment', client_reference_id: invoiceId, 'metadata[invoiceId]': invoiceId, 'metadata[invoiceNumber]': number, 'metadata[accountId]': account.id,
      'line_items[0][price_data][unit_amount]': String(total - 1900), 'line_items[0][price_data][currency]': 'eur', 'payment_intent_data[metadata][invoiceId]': invoiceId,
      success_url: `http://portico.test/invoices/${invoiceId}?payment=success`,
    });
    expect(call.idempotencyKey).toMatch(/^portico-checkout-chk_/);
    const again = await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin });
    expect(again.json().data.url).toBe(data.url);
    expect(stand.created.length).toBe(before + 1);
  });

  it('50 concurrent clicks on one invoice make one checkout', async () => {
    const { invoiceId } = await buildInvoice(t.db, { accountId: account.id });
    const before = stand.created.length;
    stand.delayMs = 150;
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: i % 2 ? admin : billingMember })));
      expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
      expect(new Set(results.map((r) => r.json().data.url)).size).toBe(1);
      expect(new Set(results.map((r) => r.json().data.checkoutId)).size).toBe(1);
    } finally {
      stand.delayMs = 0;
    }
    expect(stand.created.length - before).toBe(1);
    const rows = await t.db.selectFrom('checkout_sessions').select('status').where('invoice_id', '=', invoiceId).execute();
    expect(rows).toEqual([{ status: 'open' }]);
  });

  it('a checkout for an older balance is replaced after a partial payment', async () => {
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    const first = (await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).json().data;
    const pay = await deliver(paymentIntentSucceededEvent({ invoiceId, amount: 5000, paymentIntent: `pi_${crypto.randomBytes(8).toString('hex')}` }));
    expect(pay.statusCode, pay.body).toBe(200);
    const second = (await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).json().data;
    expect(second.amount).toBe(total - 5000);
    expect(second.url).not.toBe(first.url);
    const firstSession = [...stand.sessions.values()].find((s) => first.url.endsWith(s.id))!;
    expect(stand.expired).toContain(firstSession.id);
  });

  it('a provider failure is a 502 and leaves no claim behind, so the next click works', async () => {
    const { invoiceId } = await buildInvoice(t.db, { accountId: account.id });
    stand.failNext(2); // the SDK retries once
    const failed = await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().code).toBe('payment.provider_failed');
    expect(await t.db.selectFrom('checkout_sessions').select('id').where('invoice_id', '=', invoiceId).execute()).toEqual([]);
    expect((await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).statusCode).toBe(200);
  });

  it('a paid, void or scheduled invoice cannot be paid', async () => {
    for (const input of [{ status: 'paid' as const }, { status: 'void' as const }, { status: 'draft' as const, scheduled: true }]) {
      const { invoiceId } = await buildInvoice(t.db, { accountId: account.id, ...input });
      const res = await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin });
      expect(res.statusCode, JSON.stringify(input)).toBe(409);
      expect(res.json().code).toBe('invoice.not_payable');
    }
  });

  it('a checkout left open is closed at Stripe when the invoice is paid another way or voided', async () => {
    const staff = await loginAs(t, (await buildStaff(t.db, { staffRole: 'billing' })).user);
    const sessionOf = (url: string) => url.split('/').pop()!;
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    const { url } = (await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).json().data;
    const paid = await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${invoiceId}/payments`, cookie: staff, payload: { amount: total, reference: `UEB-${invoiceId}`, receivedAt: '2026-11-02' } });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(stand.expired).toContain(sessionOf(url));
    expect(stand.sessions.get(sessionOf(url))?.status).toBe('expired');

    const { invoiceId: other } = await buildInvoice(t.db, { accountId: account.id });
    const second = (await t.request({ method: 'POST', url: `/api/v1/invoices/${other}/pay`, cookie: admin })).json().data;
    expect((await t.request({ method: 'POST', url: `/api/v1/staff/invoices/${other}/void`, cookie: staff, payload: { reason: 'Storniert' } })).statusCode).toBe(200);
    expect(stand.expired).toContain(sessionOf(second.url));
    expect((await t.db.selectFrom('checkout_sessions').select('status').where('invoice_id', '=', other).executeTakeFirstOrThrow()).status).toBe('expired');
  });

  it('paying on the hosted checkout page books the payment and returns the browser to the invoice', async () => {
    const { invoiceId, number, total } = await buildInvoice(t.db, { accountId: account.id });
    const { url } = (await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).json().data;
    const page = await fetch(url);
    expect(await page.text()).toContain(`Rechnung ${number}`);
    const done = await fetch(`${url}/complete`, { method: 'POST', redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`http://portico.test/invoices/${invoiceId}?payment=success`);
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', amountPaid: total, payments: 1 });
    // The session that paid is complete, not expired at Stripe.
    expect((await t.db.selectFrom('checkout_sessions').select('status').where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow()).status).toBe('complete');
    expect(stand.expired).not.toContain(url.split('/').pop());
    const older = (await t.request({ method: 'GET', url: '/api/v1/invoices?tab=older', cookie: admin })).json();
    expect(older.data.map((i: { id: string }) => i.id)).toContain(invoiceId);
  });
});

describe('the Stripe webhook', () => {
  it('books a completed checkout once: the invoice is paid, the receipt goes to the billing readers (never to a plain member)', async () => {
    const { invoiceId, number, total } = await buildInvoice(t.db, { accountId: account.id });
    const checkout = (await t.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie: admin })).json().data;
    const sessionId = checkout.url.split('/').pop();
    const event = checkoutCompletedEvent({ invoiceId, accountId: account.id, amount: total, paymentIntent: `pi_${crypto.randomBytes(8).toString('hex')}`, sessionId });
    const res = await deliver(event);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'recorded', eventId: event.id });
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', amountPaid: total, payments: 1 });
    expect((await t.db.selectFrom('checkout_sessions').select('status').where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow()).status).toBe('complete');
    const receipts = await receiptsFor(number!);
    expect(receipts.map((m) => m.to_address).sort()).toHaveLength(2);
    expect(receipts.some((m) => m.to_address.startsWith('plain-member-'))).toBe(false);
    const audit = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', invoiceId).where('action', '=', 'invoice.payment_received').execute();
    expect(audit).toHaveLength(1);

    const again = await deliver(event);
    expect(again.json().outcome).toBe('duplicate_event');
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', payments: 1 });
    expect(await receiptsFor(number!)).toHaveLength(2);
  });

  it('counts a payment once whichever event brings it first, and a late expiry moves nothing back', async () => {
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    const pi = `pi_${crypto.randomBytes(8).toString('hex')}`;
    expect((await deliver(paymentIntentSucceededEvent({ invoiceId, amount: total, paymentIntent: pi }))).json().outcome).toBe('recorded');
    expect((await deliver(checkoutCompletedEvent({ invoiceId, amount: total, paymentIntent: pi }))).json().outcome).toBe('duplicate_payment');
    const expired = { ...checkoutCompletedEvent({ invoiceId, amount: total, paymentIntent: pi }), type: 'checkout.session.expired' };
    expect((await deliver(expired)).json().outcome).toBe('expired');
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', amountPaid: total, payments: 1 });
  });

  it('a partial payment leaves a balance and the invoice open; the rest pays it', async () => {
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    expect((await deliver(paymentIntentSucceededEvent({ invoiceId, amount: 4000, paymentIntent: `pi_${crypto.randomBytes(8).toString('hex')}` }))).statusCode).toBe(200);
    expect(await state(invoiceId)).toMatchObject({ status: 'open', amountPaid: 4000, payments: 1 });
    const page = (await t.request({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, cookie: admin })).json().data;
    expect(page).toMatchObject({ balance: total - 4000, abilities: { pay: true } });
    expect((await deliver(paymentIntentSucceededEvent({ invoiceId, amount: total - 4000, paymentIntent: `pi_${crypto.randomBytes(8).toString('hex')}` }))).statusCode).toBe(200);
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', amountPaid: total, payments: 2 });
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const { invoiceId, total } = await buildInvoice(t.db, { accountId: account.id });
    const other = await buildAccount(t.db);
    const { invoiceId: voidId } = await buildInvoice(t.db, { accountId: account.id, status: 'void' });
    const { invoiceId: paidId, total: paidTotal } = await buildInvoice(t.db, { accountId: account.id, status: 'paid' });
    const pi = () => `pi_${crypto.randomBytes(8).toString('hex')}`;
    const before = await state(invoiceId);
    const eventsBefore = (await t.db.selectFrom('webhook_events').select('event_id').execute()).length;
    const cases: [string, () => ReturnType<typeof deliver>, number, string][] = [
      ['bad signature', () => deliver(paymentIntentSucceededEvent({ invoiceId, amount: total, paymentIntent: pi() }), { secret: 'whsec_someone_else' }), 400, 'webhook.bad_signature'],
      ['stale timestamp', () => deliver(paymentIntentSucceededEvent({ invoiceId, amount: total, paymentIntent: pi() }), { timestamp: Math.floor(Date.now() / 1000) - 301 }), 400, 'webhook.stale_timestamp'],
      ['unknown invoice', () => deliver(paymentIntentSucceededEvent({ invoiceId: 'inv_doesnotexist', amount: total, paymentIntent: pi() })), 404, 'invoice.not_found'],
      ['amount above the balance', () => deliver(paymentIntentSucceededEvent({ invoiceId, amount: total + 1, paymentIntent: pi() })), 422, 'payment.amount_mismatch'],
      ['another currency', () => deliver(paymentIntentSucceededEvent({ invoiceId, amount: total, currency: 'usd', paymentIntent: pi() })), 422, 'payment.amount_mismatch'],
      ["another account's metadata", () => deliver(checkoutCompletedEvent({ invoiceId, accountId: other.id, amount: total, paymentIntent: pi() })), 422, 'payment.amount_mismatch'],
      ['void invoice', () => deliver(paymentIntentSucceededEvent({ invoiceId: voidId, amount: 100, paymentIntent: pi() })), 409, 'invoice.not_payable'],
      ['paid invoice, new payment', () => deliver(paymentIntentSucceededEvent({ invoiceId: paidId, amount: paidTotal, paymentIntent: pi() })), 409, 'invoice.not_payable'],
    ];
    for (const [name, send, status, code] of cases) {
      const res = await send();
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().code, name).toBe(code);
    }
    const tampered = signEvent(paymentIntentSucceededEvent({ invoiceId, amount: total, paymentIntent: pi() }));
    const res = await t.request({ method: 'POST', url: WEBHOOK, payload: tampered.payload.replace(String(total), String(total - 1)), headers: { 'content-type': 'application/json', 'stripe-signature': tampered.header } });
    expect(res.statusCode).toBe(400);
    const missing = await t.request({ method: 'POST', url: WEBHOOK, payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(missing.statusCode).toBe(400);
    expect(await state(invoiceId)).toEqual(before);
    expect(await state(voidId)).toMatchObject({ status: 'void', payments: 0 });
    expect(await state(paidId)).toMatchObject({ status: 'paid', payments: 0 });
    expect((await t.db.selectFrom('webhook_events').select('event_id').execute()).length).toBe(eventsBefore);
  });

  it('acknowledges events it does not handle, once', async () => {
    const event = { ...paymentIntentSucceededEvent({ invoiceId: 'x', amount: 1, paymentIntent: 'pi_x' }), type: 'customer.created' };
    expect((await deliver(event)).json()).toMatchObject({ outcome: 'ignored' });
    expect((await deliver(event)).json()).toMatchObject({ outcome: 'duplicate_event' });
  });

  it('1,000 signed deliveries (500 payments, each sent twice, shuffled, 50 at a time): every invoice paid exactly once', async () => {
    const acc = await buildAccount(t.db);
    await buildMember(t.db, { account: acc, role: 'admin' });
    const invoices: { invoiceId: string; total: number }[] = [];
    for (let i = 0; i < 500; i++) invoices.push(await buildInvoice(t.db, { accountId: acc.id, lines: [{ unitAmount: 1000 + i }] }));
    const events = invoices.flatMap(({ invoiceId, total }, i) => {
      const paymentIntent = `pi_race_${i}_${crypto.randomBytes(4).toString('hex')}`;
      // Half come as the checkout's completion, half as the PaymentIntent: the payment id is the same kind either way.
      const event = i % 2 ? checkoutCompletedEvent({ invoiceId, amount: total, paymentIntent, accountId: acc.id }) : paymentIntentSucceededEvent({ invoiceId, amount: total, paymentIntent });
      const signed = signEvent(event);
      return [signed, signed];
    });
    for (let i = events.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < events.length) {
          const e = events[next++]!;
          const res = await t.request({ method: 'POST', url: WEBHOOK, payload: e.payload, headers: { 'content-type': 'application/json', 'stripe-signature': e.header } });
          statuses.push(res.statusCode);
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const ids = invoices.map((i) => i.invoiceId);
    const rows = await t.db.selectFrom('invoices').select(['status', 'amount_paid', 'total']).where('id', 'in', ids).execute();
    expect(rows.filter((r) => r.status !== 'paid' || Number(r.amount_paid) !== Number(r.total))).toEqual([]);
    const payments = await t.db.selectFrom('payments').select(['invoice_id']).where('invoice_id', 'in', ids).execute();
    expect(payments).toHaveLength(500);
    expect(new Set(payments.map((p) => p.invoice_id)).size).toBe(500);
    const processed = await t.db.selectFrom('webhook_events').select('event_id').where('invoice_id', 'in', ids).execute();
    expect(processed).toHaveLength(500);
    const receipts = await t.db.selectFrom('mails').select('id').where('account_id', '=', acc.id).execute();
    expect(receipts).toHaveLength(500);
  }, 180_000);
});

describe('without Stripe keys', () => {
  it('answers bank-transfer instructions with the invoice number as reference; the webhook is not there', async () => {
    const plain = await createTestApp({ env: { BANK_IBAN: 'DE02 1203 0000 0000 2020 51', BANK_BIC: 'BYLADEM1001', BANK_NAME: 'Deutsche Kreditbank', BANK_ACCOUNT_HOLDER: 'Portico Software GmbH' } });
    try {
      const acc = await buildAccount(plain.db);
      const cookie = await loginAs(plain, (await buildMember(plain.db, { account: acc, role: 'admin' })).user);
      const { invoiceId, number, total } = await buildInvoice(plain.db, { accountId: acc.id, amountPaid: 900 });
      const res = await plain.request({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/pay`, cookie });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toEqual({
        method: 'bank_transfer', accountHolder: 'Portico Software GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank',
        reference: number, amount: total - 900, currency: 'EUR', dueDate: expect.any(String),
      });
      const hook = await plain.request({ method: 'POST', url: WEBHOOK, payload: '{}', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' } });
      expect(hook.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
