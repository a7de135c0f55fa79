import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const LINK_SECRET = 'a-download-link-secret-of-enough-length-0123456789';

describe('loadConfig', () => {
  it('defaults to port 3000, ./data and an embedded SQLite file with demo data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(c.database).toMatchObject({ dialect: 'sqlite' });
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.demo).toBe(true);
    expect(c.session.cookieName).toBe('portico_session');
  });

  it('uses PostgreSQL for a postgres:// DATABASE_URL and seeds no demo data there by default', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/portico' });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/portico' });
    expect(c.demo).toBe(false);
  });

  it('never seeds demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DOWNLOAD_LINK_SECRET: LINK_SECRET }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DOWNLOAD_LINK_SECRET: LINK_SECRET, DEMO_DATA: 'on' })).toThrow(/DEMO_DATA/);
  });

  it('switches to __Host- cookies for an https PUBLIC_URL and strips a trailing slash', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://portal.example.com/' });
    expect(c.publicUrl).toBe('https://portal.example.com');
    expect(c.publicOrigin).toBe('https://portal.example.com');
    expect(c.secureCookies).toBe(true);
    expect(c.session.cookieName).toBe('__Host-portico_session');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_URL', 'not a url'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['SMTP_URL', 'http://mail'],
    ['NODE_ENV', 'staging'],
    ['SESSION_IDLE_MINUTES', '-5'],
    ['BANK_IBAN', 'DE89370400440532013001'],
    ['STRIPE_SECRET_KEY', 'pk_test_abc'],
    ['INVOICE_REMINDER_OVERDUE_DAYS', '1, fourteen'],
  ])('stops on a bad %s (%s) and names the variable', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toContain(name);
    }
  });

  it('takes card payments only with both Stripe secrets, and bank details with a valid IBAN', () => {
    expect(loadConfig({}).stripe).toBeNull();
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const c = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_API_BASE: 'http://127.0.0.1:12111', BANK_IBAN: 'de89 3704 0044 0532 0130 00' });
    expect(c.stripe).toEqual({ secretKey: 'sk_test_abc', webhookSecret: 'whsec_abc', api: { host: '127.0.0.1', port: 12111, protocol: 'http' } });
    expect(c.bank?.iban).toBe('DE89370400440532013000');
    expect(loadConfig({ INVOICE_REMINDER_OVERDUE_DAYS: '30,1,14,1' }).invoiceReminders.overdueDays).toEqual([1, 14, 30]);
    // Production never falls back to the demo bank account.
    expect(loadConfig({ NODE_ENV: 'production', DOWNLOAD_LINK_SECRET: LINK_SECRET }).bank).toBeNull();
  });

  it('signs download links with DOWNLOAD_LINK_SECRET, required in production, links live at most 5 minutes', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DOWNLOAD_LINK_SECRET/);
    expect(() => loadConfig({ DOWNLOAD_LINK_SECRET: 'short' })).toThrow(/DOWNLOAD_LINK_SECRET/);
    expect(() => loadConfig({ DOWNLOAD_LINK_SECONDS: '301' })).toThrow(/DOWNLOAD_LINK_SECONDS/);
    expect(loadConfig({ NODE_ENV: 'production', DOWNLOAD_LINK_SECRET: LINK_SECRET }).downloads).toEqual({ linkSecret: LINK_SECRET, linkSeconds: 300 });
    // Outside production a missing secret is random per process, never a fixed, guessable one.
    expect(loadConfig({}).downloads.linkSecret).not.toBe(loadConfig({}).downloads.linkSecret);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
