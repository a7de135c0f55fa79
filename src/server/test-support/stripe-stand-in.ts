import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A loopback stand-in for the few endpoints of Stripe's HTTP API that Portico calls (Stripe cannot
 * be reached from here). The official SDK is pointed at it with STRIPE_API_BASE; it answers like
 * Stripe (form-encoded requests, JSON objects with ids) and counts what it was asked. Tests only.
 */
export interface StandInSession {
  id: string;
  object: 'checkout.session';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  url: string;
  expires_at: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string | null;
  cancel_url: string | null;
}

/** Where the stand-in's hosted checkout page sends the signed webhook: Portico's URL, or a function (for app.inject). */
export type WebhookTarget = string | ((delivery: { payload: string; header: string }) => Promise<unknown>);

export const TEST_STRIPE_KEY = 'sk_test_portico_stand_in';
export const TEST_WEBHOOK_SECRET = 'whsec_portico_test_secret';

export interface StripeStandIn {
  baseUrl: string;
  sessions: Map<string, StandInSession>;
  /** POST /v1/checkout/sessions requests received, with their idempotency keys. */
  created: { idempotencyKey: string | undefined; form: Record<string, string> }[];
  expired: string[];
  /** Answer the next N create calls with a 500 (the SDK retries once). */
  failNext(n: number): void;
  /** Milliseconds each create waits before answering (widens race windows). */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * Besides the API, the stand-in serves a hosted checkout page at each session's `url` (as Stripe
 * does): GET shows the amount and a pay button, POST …/complete books the payment — it sends a
 * signed checkout.session.completed to `webhook` and redirects the browser to the success URL;
 * POST …/cancel goes back to the cancel URL. Browser tests pay through it end to end. `port`: a fixed
 * one (the e2e server's environment names it before the stand-in starts); by default any free one.
 */
export async function startStripeStandIn({ webhook, port: listenPort = 0 }: { webhook?: WebhookTarget; port?: number } = {}): Promise<StripeStandIn> {
  const sessions = new Map<string, StandInSession>();
  const created: StripeStandIn['created'] = [];
  const expired: string[] = [];
  let failures = 0;
  const state = { delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', async () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${crypto.randomBytes(6).toString('hex')}` });
        res.end(JSON.stringify(json));
      };
      const page = /^\/c\/pay\/(cs_test_\w+)(\/complete|\/cancel)?$/.exec(req.url ?? '');
      if (page?.[1]) return hostedCheckout(page[1], page[2], req, res);
      if (req.headers.authorization !== `Bearer ${TEST_STRIPE_KEY}`) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      const form = Object.fromEntries(new URLSearchParams(body));
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/v1/checkout/sessions') {
        created.push({ idempotencyKey: req.headers['idempotency-key'] as string | undefined, form });
        if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
        if (failures > 0) {
          failures--;
          return send(500, { error: { type: 'api_error', message: 'stand-in failure' } });
        }
        const id = `cs_test_${crypto.randomBytes(12).toString('hex')}`;
        const metadata: Record<string, string> = {};
        for (const [k, v] of Object.entries(form)) {
          const m = /^metadata\[(\w+)\]$/.exec(k);
          if (m?.[1]) metadata[m[1]] = v;
        }
        const session: StandInSession = {
          id,
          object: 'checkout.session',
          status: 'open',
          payment_status: 'unpaid',
          url: `${baseUrl()}/c/pay/${id}`,
          expires_at: Math.floor(Date.now() / 1000) + 24 * 3600,
          amount_total: Number(form['line_items[0][price_data][unit_amount]']),
          currency: form['line_items[0][price_data][currency]'] ?? 'eur',
          client_reference_id: form.client_reference_id ?? null,
          metadata,
          payment_intent: null,
          success_url: form.success_url ?? null,
          cancel_url: form.cancel_url ?? null,
        };
        sessions.set(id, session);
        return send(200, session);
      }
      const expire = /^\/v1\/checkout\/sessions\/([\w]+)\/expire$/.exec(url);
      if (req.method === 'POST' && expire?.[1]) {
        const s = sessions.get(expire[1]);
        if (!s) return send(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
        s.status = 'expired';
        expired.push(s.id);
        return send(200, s);
      }
      return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url})` } });
    });
  });
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function hostedCheckout(id: string, action: string | undefined, req: http.IncomingMessage, res: http.ServerResponse) {
    const s = sessions.get(id);
    if (!s) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('No such checkout session');
    }
    if (req.method === 'GET' && !action) {
      const amount = new Intl.NumberFormat('de-DE', { style: 'currency', currency: s.currency.toUpperCase() }).format(s.amount_total / 100);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Stripe Checkout (Test)</title></head><body>
<main><h1>Stripe Checkout (Test)</h1><p>Rechnung ${s.metadata.invoiceNumber ?? ''}: <strong data-testid="amount">${amount}</strong></p>
${s.status === 'open' ? `<form method="post" action="/c/pay/${id}/complete"><button type="submit">Bezahlen</button></form><form method="post" action="/c/pay/${id}/cancel"><button type="submit">Abbrechen</button></form>` : `<p>Status: ${s.status}</p>`}
</main></body></html>`);
    }
    if (req.method === 'POST' && action === '/cancel') {
      res.writeHead(303, { location: s.cancel_url ?? '/' });
      return res.end();
    }
    if (req.method === 'POST' && action === '/complete' && s.status === 'open') {
      s.status = 'complete';
      s.payment_status = 'paid';
      s.payment_intent = `pi_test_${crypto.randomBytes(10).toString('hex')}`;
      if (webhook) {
        const delivery = signEvent({ ...checkoutCompletedEvent({ invoiceId: s.metadata.invoiceId ?? '', accountId: s.metadata.accountId, amount: s.amount_total, currency: s.currency, paymentIntent: s.payment_intent, sessionId: s.id }) });
        if (typeof webhook === 'string') {
          await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': delivery.header }, body: delivery.payload });
        } else {
          await webhook(delivery);
        }
      }
      res.writeHead(303, { location: s.success_url ?? '/' });
      return res.end();
    }
    res.writeHead(409, { 'content-type': 'text/plain' });
    return res.end(`The session is ${s.status}`);
  }

  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sessions,
    created,
    expired,
    failNext(n) {
      failures = n;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The env that points Portico at the stand-in. */
export const stripeEnv = (standIn: StripeStandIn) => ({
  STRIPE_SECRET_KEY: TEST_STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  STRIPE_API_BASE: standIn.baseUrl,
});

const signer = new Stripe(TEST_STRIPE_KEY);

/** A webhook delivery: the JSON body and its Stripe-Signature header, made with the SDK's own helper. */
export function signEvent(event: object, { secret = TEST_WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp !== undefined ? { timestamp } : {}) });
  return { payload, header };
}

let counter = 0;
const eventId = () => `evt_test_${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(4).toString('hex')}`;

/** checkout.session.completed for a paid session of an invoice. */
export function checkoutCompletedEvent(p: { invoiceId: string; accountId?: string; amount: number; currency?: string; paymentIntent: string; sessionId?: string; id?: string }) {
  return {
    id: p.id ?? eventId(),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type: 'checkout.session.completed',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: p.sessionId ?? `cs_test_${crypto.randomBytes(8).toString('hex')}`,
        object: 'checkout.session',
        status: 'complete',
        payment_status: 'paid',
        amount_total: p.amount,
        currency: (p.currency ?? 'eur').toLowerCase(),
        client_reference_id: p.invoiceId,
        metadata: { invoiceId: p.invoiceId, ...(p.accountId ? { accountId: p.accountId } : {}) },
        payment_intent: p.paymentIntent,
      },
    },
  };
}

/** payment_intent.succeeded for a payment of an invoice. */
export function paymentIntentSucceededEvent(p: { invoiceId: string; amount: number; currency?: string; paymentIntent: string; id?: string }) {
  return {
    id: p.id ?? eventId(),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: p.paymentIntent, object: 'payment_intent', amount: p.amount, amount_received: p.amount, currency: (p.currency ?? 'eur').toLowerCase(), status: 'succeeded', metadata: { invoiceId: p.invoiceId } } },
  };
}
