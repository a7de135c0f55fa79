import Stripe from 'stripe';
import type { Config } from '../../app/config.js';

const clients = new WeakMap<object, Stripe>();

/** The SDK client for the configured key (STRIPE_API_BASE points it elsewhere, e.g. at a test stand-in). */
export function stripeClient(stripe: NonNullable<Config['stripe']>): Stripe {
  let client = clients.get(stripe);
  if (!client) {
    client = new Stripe(stripe.secretKey, { maxNetworkRetries: 1, timeout: 20_000, ...(stripe.api ?? {}) });
    clients.set(stripe, client);
  }
  return client;
}

/**
 * Closes checkouts at Stripe that Portico no longer wants paid (the invoice was paid another way or
 * voided), so a browser tab left open on one cannot pay twice. Best effort, after the change has
 * been committed: a session that cannot be expired runs out by itself within 24 hours, and a
 * payment through it would be refused by the webhook and show in Stripe's dashboard.
 */
export async function expireCheckoutsAtProvider(config: Pick<Config, 'stripe'>, sessionIds: readonly string[]): Promise<void> {
  if (!config.stripe || !sessionIds.length) return;
  const client = stripeClient(config.stripe);
  await Promise.all(sessionIds.map((id) => client.checkout.sessions.expire(id).catch(() => undefined)));
}
