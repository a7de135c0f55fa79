import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toThrow(/DEMO_DATA/);
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
  ])('stops on a bad %s (%s) and names the variable', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toContain(name);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });
});
