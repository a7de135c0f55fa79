import { startStripeStandIn } from '../../src/server/test-support/stripe-stand-in.js';
import { startMailCapture } from './mail-capture.js';

/**
 * Starts the loopback SMTP capture the e2e server sends to, and the Stripe stand-in it creates
 * checkouts at (whose hosted page sends the signed webhook back to the server); the returned
 * function stops both.
 */
export default async function globalSetup() {
  const port = Number(process.env.PORTICO_E2E_SMTP_PORT);
  const dir = process.env.PORTICO_E2E_MAIL_DIR;
  const stripePort = Number(process.env.PORTICO_E2E_STRIPE_PORT);
  const serverPort = Number(process.env.PORTICO_E2E_PORT);
  if (!port || !dir || !stripePort || !serverPort) {
    throw new Error('PORTICO_E2E_SMTP_PORT, PORTICO_E2E_MAIL_DIR, PORTICO_E2E_STRIPE_PORT and PORTICO_E2E_PORT come from playwright.config.ts');
  }
  const stopMail = await startMailCapture(port, dir);
  const stripe = await startStripeStandIn({ port: stripePort, webhook: `http://127.0.0.1:${serverPort}/api/v1/payments/stripe/webhook` });
  return async () => {
    await stripe.close();
    await stopMail();
  };
}
