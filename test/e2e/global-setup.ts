import { startMailCapture } from './mail-capture.js';

/** Starts the loopback SMTP capture the e2e server sends to; the returned function stops it. */
export default async function globalSetup() {
  const port = Number(process.env.PORTICO_E2E_SMTP_PORT);
  const dir = process.env.PORTICO_E2E_MAIL_DIR;
  if (!port || !dir) throw new Error('PORTICO_E2E_SMTP_PORT and PORTICO_E2E_MAIL_DIR come from playwright.config.ts');
  return startMailCapture(port, dir);
}
