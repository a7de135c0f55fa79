import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handleStripeWebhook } from './payments.usecases.js';

/**
 * Stripe's webhook. The signature covers the exact bytes Stripe sent, so this route keeps the body
 * raw: its own JSON parser (buffer in, buffer out) lives only inside this encapsulated plugin,
 * every other route parses JSON as usual. No cookie, no CSRF check: the signature authenticates.
 */
export async function stripeWebhookRoutes(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/payments/stripe/webhook',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags: ['payments'],
        summary: "Stripe's webhook (signed with STRIPE_WEBHOOK_SECRET, 300 s tolerance): checkout.session.completed/async_payment_succeeded/expired, payment_intent.succeeded; each event and each payment counts once",
        security: [],
        response: { 200: z.object({ received: z.literal(true), outcome: z.string(), eventId: z.string() }) },
      },
    },
    async (req) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers['stripe-signature'];
      const result = await handleStripeWebhook({ deps: app.deps, rawBody, signature: typeof header === 'string' ? header : undefined });
      return { received: true as const, ...result };
    },
  );
}
