import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { TEST_STRIPE_KEY, TEST_WEBHOOK_SECRET } from './src/server/test-support/stripe-stand-in.js';

/**
 * `npm run test:e2e`: the browser suite in Debian's Chromium (never a downloaded browser) against
 * the built server, which Playwright starts on its own port with a fresh SQLite data directory
 * and the demo data.
 */
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(CHROME_PATH)) {
  throw new Error(
    `Chromium not found at ${CHROME_PATH}.\n` +
      "The e2e suite runs in Debian's Chromium: install it with `apt-get install chromium` (as root),\n" +
      'or point CHROME_PATH at a Chromium or Chrome binary.',
  );
}

/**
 * `preferred` when nothing listens there, else a port the kernel hands out. Synchronous because the
 * config is; a throwaway node process does the probing.
 */
function freePort(preferred: number): number {
  const probe = `
    const net = require('node:net');
    const answer = (port) => { process.stdout.write(String(port)); };
    const first = net.createServer();
    first.once('error', () => {
      const any = net.createServer();
      any.listen(0, () => { const { port } = any.address(); any.close(() => answer(port)); });
    });
    first.listen(${preferred}, () => first.close(() => answer(${preferred})));`;
  return Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }));
}

// The config is evaluated again in every worker: the environment carries the main process's
// choice of port and data directory over to them.
process.env.PORTICO_E2E_PORT ??= String(process.env.E2E_PORT ? Number(process.env.E2E_PORT) : freePort(3100));
process.env.PORTICO_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-'));
// Every mail the server sends goes to a real SMTP server on loopback (test/e2e/global-setup.ts),
// which writes it to MAIL_DIR for the specs to read (test/e2e/mail-capture.ts).
process.env.PORTICO_E2E_SMTP_PORT ??= String(freePort(2525));
process.env.PORTICO_E2E_MAIL_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-mail-'));
// Card payments go to a loopback stand-in for Stripe's API and hosted checkout (global-setup.ts).
process.env.PORTICO_E2E_STRIPE_PORT ??= String(freePort(12111));
const PORT = Number(process.env.PORTICO_E2E_PORT);
const DATA_DIR = process.env.PORTICO_E2E_DATA_DIR;
const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/playwright.xml' }]] : [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROME_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 800 },
    // Recording a trace costs about a third of a test's time on two cores: under CI only the retry
    // of a failed test records one; locally every failure keeps its trace.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node dist/server/main.js',
    url: `http://127.0.0.1:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      DEMO_DATA: 'on',
      PUBLIC_URL: BASE_URL,
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${process.env.PORTICO_E2E_SMTP_PORT}`,
      WORKER_POLL_MS: '200',
      STRIPE_API_BASE: `http://127.0.0.1:${process.env.PORTICO_E2E_STRIPE_PORT}`,
      STRIPE_SECRET_KEY: TEST_STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    },
  },
});
