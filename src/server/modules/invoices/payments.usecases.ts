import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { StaffActor } from '../../app/auth/actor.js';
import { recordAuditEvent } from '../../app/audit.js';
import type { Config } from '../../app/config.js';
import type { Db } from '../../app/db.js';
import { isUniqueViolation, nowIso } from '../../app/db.js';
import { createError } from '../../app/errors.js';
import { newId } from '../../app/ids.js';
import type { AppDeps } from '../../app/types.js';
import { invoiceMails, invoicePageUrl, mailBilling } from './invoice-mails.js';
import { type InvoiceReader, isPayable } from './invoices.policy.js';
import { createInvoicesRepository, type InvoiceRecord } from './invoices.repository.js';
import { getVisibleInvoice, invoiceNotFound, invoiceNotPayable } from './invoices.usecases.js';
import { expireCheckoutsAtProvider, stripeClient } from './stripe-client.js';

export const amountMismatch = createError({
  code: 'payment.amount_mismatch',
  status: 422,
  message: "The payment's amount or currency does not fit the invoice's open balance",
});
const paymentUnavailable = createError({ code: 'payment.unavailable', status: 503, message: 'No way to pay is configured (neither Stripe nor a bank account)' });
const providerFailed = createError({ code: 'payment.provider_failed', status: 502, message: 'The payment provider did not answer; try again in a moment' });
const checkoutBusy = createError({ code: 'payment.checkout_busy', status: 503, message: 'A checkout for this invoice is being prepared; try again in a moment' });
const stripeNotConfigured = createError({ code: 'payment.stripe_not_configured', status: 404, message: 'Card payments are not configured' });
const badSignature = createError({ code: 'webhook.bad_signature', status: 400, message: 'The Stripe-Signature header does not match the payload' });
const staleTimestamp = createError({ code: 'webhook.stale_timestamp', status: 400, message: "The webhook's timestamp is more than 300 seconds away" });
const badEvent = createError({ code: 'webhook.invalid_event', status: 400, message: 'The event lacks what a payment needs (invoice, amount, payment id)' });
const duplicatePaymentReference = createError({ code: 'payment.duplicate_reference', status: 409, message: 'A payment with this reference is already recorded' });

/** Stripe's tolerance for the signature's timestamp, in seconds. */
export const WEBHOOK_TOLERANCE_S = 300;

export interface IncomingPayment {
  invoiceId: string;
  provider: 'stripe' | 'bank_transfer';
  reference: string;
  amount: number;
  currency: string;
  receivedAt: string;
  recordedByUserId: string | null;
  note?: string | null;
  /** The account the provider says the payment is for (Stripe metadata); must be the invoice's. */
  accountId?: string | null;
  ip?: string | null;
}

/**
 * Books one payment against an invoice, exactly once: inside the caller's transaction the invoice
 * row is locked (PostgreSQL; SQLite runs one writer at a time), a payment already booked under the
 * same provider reference is a duplicate and changes nothing, and the invoice only moves forward
 * (open/uncollectible → paid when the balance reaches zero). A partial payment leaves a balance.
 * The receipt goes out through the outbox in the same transaction.
 */
export async function applyPayment(
  trx: Db,
  deps: AppDeps,
  p: IncomingPayment,
): Promise<{ outcome: 'recorded' | 'duplicate'; paidInFull: boolean; closedCheckouts: string[] }> {
  if (deps.dialect === 'postgres') await sql`select id from invoices where id = ${p.invoiceId} for update`.execute(trx);
  const existing = await trx.selectFrom('payments').select(['invoice_id']).where('provider', '=', p.provider).where('provider_reference', '=', p.reference).executeTakeFirst();
  if (existing) {
    if (existing.invoice_id !== p.invoiceId) throw duplicatePaymentReference();
    return { outcome: 'duplicate', paidInFull: false, closedCheckouts: [] };
  }
  const inv = await createInvoicesRepository({ db: trx }).findRow(p.invoiceId);
  if (!inv) throw invoiceNotFound();
  if (p.accountId && p.accountId !== inv.accountId) throw amountMismatch({ detail: 'The payment names another account than the invoice' });
  if (!isPayable(inv)) throw invoiceNotPayable();
  const balance = inv.total - inv.amountPaid;
  if (p.currency.toUpperCase() !== inv.currency) throw amountMismatch({ detail: `The payment is in ${p.currency.toUpperCase()}, the invoice in ${inv.currency}` });
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0 || p.amount > balance) {
    throw amountMismatch({ detail: `The payment of ${p.amount} does not fit the open balance of ${balance} (minor units)` });
  }
  const paidInFull = p.amount === balance;
  const now = nowIso();
  await trx
    .insertInto('payments')
    .values({
      id: newId('pay'), invoice_id: inv.id, account_id: inv.accountId, provider: p.provider, provider_reference: p.reference, amount: p.amount,
      currency: inv.currency, received_at: p.receivedAt, recorded_by_user_id: p.recordedByUserId, note: p.note ?? null, created_at: now,
    })
    .execute();
  const res = await trx
    .updateTable('invoices')
    .set((eb) => ({
      amount_paid: eb('amount_paid', '+', p.amount),
      ...(paidInFull ? { status: 'paid' as const, paid_at: now } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', inv.id)
    .where('status', 'in', ['open', 'uncollectible'])
    .where('amount_paid', '=', inv.amountPaid)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw invoiceNotPayable({ detail: 'The invoice changed while the payment was booked' });
  // Paid in full: the invoice's open checkout (if this payment did not come through it) is closed.
  const closedCheckouts = paidInFull
    ? (
        await trx
          .updateTable('checkout_sessions')
          .set({ status: 'expired', updated_at: now })
          .where('invoice_id', '=', inv.id)
          .where('status', 'in', ['creating', 'open'])
          .returning('provider_session_id')
          .execute()
      ).flatMap((r) => (r.provider_session_id ? [r.provider_session_id] : []))
    : [];
  await recordAuditEvent(trx, {
    accountId: inv.accountId, actorUserId: p.recordedByUserId, action: 'invoice.payment_received', targetType: 'invoice', targetId: inv.id,
    data: { number: inv.number, amount: p.amount, currency: inv.currency, provider: p.provider, reference: p.reference, paidInFull },
    ip: p.ip ?? null,
  });
  const after = { ...inv, amountPaid: inv.amountPaid + p.amount };
  await mailBilling(trx, deps, inv.accountId, (to) => invoiceMails.receipt({ to, inv: after, amount: p.amount, via: p.provider, pageUrl: invoicePageUrl(deps, inv.id) }));
  return { outcome: 'recorded', paidInFull, closedCheckouts };
}

/** Billing staff book a bank transfer from the statement; its reference makes booking it twice impossible. */
export async function recordBankTransfer({ deps, staff, invoiceId, input, ip }: {
  deps: AppDeps; staff: StaffActor; invoiceId: string; input: { amount: number; reference: string; receivedAt: string; note?: string | null }; ip: string;
}): Promise<InvoiceRecord> {
  const repo = createInvoicesRepository({ db: deps.db });
  const inv = await repo.findRow(invoiceId);
  if (!inv) throw invoiceNotFound();
  let closed: string[] = [];
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { outcome, closedCheckouts } = await applyPayment(trx, deps, {
        invoiceId, provider: 'bank_transfer', reference: input.reference, amount: input.amount, currency: inv.currency,
        receivedAt: new Date(`${input.receivedAt}T12:00:00Z`).toISOString(), recordedByUserId: staff.userId, note: input.note ?? null, ip,
      });
      if (outcome === 'duplicate') throw duplicatePaymentReference();
      closed = closedCheckouts;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicatePaymentReference();
    throw err;
  }
  await expireCheckoutsAtProvider(deps.config, closed);
  return (await repo.find(invoiceId))!;
}

/* ---------- Stripe ---------- */

export type PayResult =
  | { method: 'checkout'; url: string; checkoutId: string; amount: number; currency: string; expiresAt: string | null }
  | { method: 'bank_transfer'; accountHolder: string; iban: string; bic: string | null; bankName: string | null; reference: string; amount: number; currency: string; dueDate: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A checkout whose creator has not answered after this long is taken to have died with its process. */
const CREATING_STALE_MS = 60_000;

/**
 * "Bezahlen": a Stripe Checkout Session for the open balance when Stripe is configured, else the
 * bank-transfer instructions (IBAN, reference = invoice number). Any number of concurrent clicks
 * on one invoice make one checkout: a row in `checkout_sessions` (at most one creating/open per
 * invoice, by a partial unique index) is claimed before Stripe is called; the others wait for it.
 */
export async function payInvoice({ deps, actor, invoiceId }: { deps: AppDeps; actor: InvoiceReader; invoiceId: string }): Promise<PayResult> {
  const inv = await getVisibleInvoice({ deps, actor, invoiceId });
  if (!isPayable(inv) || !inv.number) throw invoiceNotPayable();
  const balance = inv.total - inv.amountPaid;
  const { stripe, bank } = deps.config;
  if (!stripe) {
    if (!bank) throw paymentUnavailable();
    return { method: 'bank_transfer', ...bank, reference: inv.number, amount: balance, currency: inv.currency, dueDate: inv.dueDate };
  }
  const db = deps.db;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const active = await db.selectFrom('checkout_sessions').selectAll().where('invoice_id', '=', inv.id).where('status', 'in', ['creating', 'open']).executeTakeFirst();
    if (active?.status === 'open') {
      const fresh = !active.expires_at || Date.parse(active.expires_at) > Date.now() + 5 * 60_000;
      if (fresh && Number(active.amount) === balance && active.url) {
        return { method: 'checkout', url: active.url, checkoutId: active.id, amount: balance, currency: inv.currency, expiresAt: active.expires_at };
      }
      // Stale (about to expire, or the balance changed since): close it, then make a new one.
      const res = await db.updateTable('checkout_sessions').set({ status: 'expired', updated_at: nowIso() }).where('id', '=', active.id).where('status', '=', 'open').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1 && active.provider_session_id) {
        await stripeClient(stripe).checkout.sessions.expire(active.provider_session_id).catch(() => undefined);
      }
      continue;
    }
    if (active?.status === 'creating') {
      if (Date.parse(active.created_at) < Date.now() - CREATING_STALE_MS) {
        await db.deleteFrom('checkout_sessions').where('id', '=', active.id).where('status', '=', 'creating').execute();
      } else {
        await sleep(50);
      }
      continue;
    }
    const claimId = newId('chk');
    try {
      const now = nowIso();
      await db
        .insertInto('checkout_sessions')
        .values({ id: claimId, invoice_id: inv.id, status: 'creating', provider_session_id: null, url: null, amount: balance, currency: inv.currency, expires_at: null, created_by_user_id: actor.userId, created_at: now, updated_at: now })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) continue; // another click claimed it first: wait for its checkout
      throw err;
    }
    return createCheckout(deps, stripe, inv, claimId, balance, actor);
  }
  throw checkoutBusy();
}

async function createCheckout(deps: AppDeps, stripe: NonNullable<Config['stripe']>, inv: InvoiceRecord, claimId: string, balance: number, actor: InvoiceReader): Promise<PayResult> {
  const lang = inv.language;
  const page = invoicePageUrl(deps, inv.id);
  const contactEmail = inv.billTo.contact?.email;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripeClient(stripe).checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: inv.id,
        ...(contactEmail ? { customer_email: contactEmail } : {}),
        locale: lang,
        line_items: [{
          quantity: 1,
          price_data: {
            currency: inv.currency.toLowerCase(),
            unit_amount: balance,
            product_data: { name: lang === 'de' ? `Rechnung ${inv.number}` : `Invoice ${inv.number}`, description: inv.billTo.accountName },
          },
        }],
        metadata: { invoiceId: inv.id, invoiceNumber: inv.number ?? '', accountId: inv.accountId, checkoutId: claimId },
        payment_intent_data: { metadata: { invoiceId: inv.id, invoiceNumber: inv.number ?? '', accountId: inv.accountId, checkoutId: claimId } },
        success_url: `${page}?payment=success`,
        cancel_url: `${page}?payment=cancelled`,
      },
      { idempotencyKey: `portico-checkout-${claimId}` },
    );
  } catch {
    await deps.db.deleteFrom('checkout_sessions').where('id', '=', claimId).where('status', '=', 'creating').execute();
    throw providerFailed();
  }
  const expiresAt = session.expires_at ? new Date(session.expires_at * 1000).toISOString() : null;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('checkout_sessions')
      .set({ status: 'open', provider_session_id: session.id, url: session.url, expires_at: expiresAt, updated_at: nowIso() })
      .where('id', '=', claimId)
      .execute();
    await recordAuditEvent(trx, {
      accountId: inv.accountId, actorUserId: actor.userId, action: 'invoice.checkout_started', targetType: 'invoice', targetId: inv.id, data: { number: inv.number, amount: balance, currency: inv.currency },
    });
  });
  if (!session.url) throw providerFailed();
  return { method: 'checkout', url: session.url, checkoutId: claimId, amount: balance, currency: inv.currency, expiresAt };
}

export type WebhookOutcome = 'recorded' | 'duplicate_event' | 'duplicate_payment' | 'pending' | 'expired' | 'ignored';

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * POST /api/v1/payments/stripe/webhook: verifies Stripe's signature over the raw body (300 s
 * tolerance), then processes the event once (event id) in one transaction with the payment it
 * books (payment id = the PaymentIntent, whichever event brings it first). A refused event (unknown
 * invoice, amount mismatch, void or paid invoice) rolls back whole: nothing changes, not even the
 * record of the event, so Stripe may deliver it again after the cause is fixed.
 */
export async function handleStripeWebhook({ deps, rawBody, signature }: { deps: AppDeps; rawBody: Buffer; signature: string | undefined }): Promise<{ outcome: WebhookOutcome; eventId: string }> {
  const stripe = deps.config.stripe;
  if (!stripe) throw stripeNotConfigured();
  let event: Stripe.Event;
  try {
    event = stripeClient(stripe).webhooks.constructEvent(rawBody, signature ?? '', stripe.webhookSecret, WEBHOOK_TOLERANCE_S);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    throw /tolerance/i.test(message) ? staleTimestamp() : badSignature();
  }

  let payment: Omit<IncomingPayment, 'recordedByUserId'> | null = null;
  let expiredSession: string | null = null;
  let completedSession: string | null = null;
  let invoiceId: string | null = null;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = event.data.object;
      invoiceId = s.metadata?.invoiceId ?? s.client_reference_id ?? null;
      completedSession = s.id;
      if (s.payment_status !== 'paid') break; // a bank debit still on its way: async_payment_succeeded follows
      const reference = idOf(s.payment_intent);
      if (!invoiceId || !reference || s.amount_total == null || !s.currency) throw badEvent();
      payment = { invoiceId, provider: 'stripe', reference, amount: s.amount_total, currency: s.currency, receivedAt: new Date(event.created * 1000).toISOString(), accountId: s.metadata?.accountId ?? null };
      break;
    }
    case 'payment_intent.succeeded': {
      const pi = event.data.object;
      invoiceId = pi.metadata?.invoiceId ?? null;
      if (!invoiceId) break; // not one of ours (another integration on the same Stripe account)
      payment = { invoiceId, provider: 'stripe', reference: pi.id, amount: pi.amount_received, currency: pi.currency, receivedAt: new Date(event.created * 1000).toISOString(), accountId: pi.metadata?.accountId ?? null };
      break;
    }
    case 'checkout.session.expired': {
      expiredSession = event.data.object.id;
      invoiceId = event.data.object.metadata?.invoiceId ?? null;
      break;
    }
  }

  let closed: string[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const outcome: WebhookOutcome = payment ? 'recorded' : expiredSession ? 'expired' : completedSession ? 'pending' : 'ignored';
    const inserted = await trx
      .insertInto('webhook_events')
      .values({ provider: 'stripe', event_id: event.id, type: event.type, invoice_id: invoiceId, outcome, received_at: nowIso() })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!inserted) return { outcome: 'duplicate_event' as const, eventId: event.id };
    if (expiredSession) {
      await trx.updateTable('checkout_sessions').set({ status: 'expired', updated_at: nowIso() }).where('provider_session_id', '=', expiredSession).where('status', '=', 'open').execute();
      return { outcome, eventId: event.id };
    }
    if (!payment) return { outcome, eventId: event.id };
    // The session that brought the payment is complete, not one to close.
    if (completedSession) {
      await trx.updateTable('checkout_sessions').set({ status: 'complete', updated_at: nowIso() }).where('provider_session_id', '=', completedSession).where('status', 'in', ['open', 'expired']).execute();
    }
    const applied = await applyPayment(trx, deps, { ...payment, recordedByUserId: null });
    if (applied.outcome === 'duplicate') {
      await trx.updateTable('webhook_events').set({ outcome: 'duplicate_payment' }).where('provider', '=', 'stripe').where('event_id', '=', event.id).execute();
      return { outcome: 'duplicate_payment' as const, eventId: event.id };
    }
    closed = applied.closedCheckouts;
    return { outcome, eventId: event.id };
  });
  await expireCheckoutsAtProvider(deps.config, closed);
  return result;
}
