import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, loginAs, TEST_PASSWORD } from '../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { buildServer } from '../server.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
});
afterAll(() => t.close());

describe('health', () => {
  it('answers /healthz and /readyz while the database is reachable', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('answers /readyz with 503 when the database is gone', async () => {
    const { createTestDatabase } = await import('../../test-support/test-db.js');
    const handle = await createTestDatabase();
    const app = await buildServer({ config: t.config, db: handle.db, dialect: handle.dialect, mailer: t.mailer }, { logger: false });
    await handle.destroy();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    await app.close();
  });
});

describe('errors are problem+json with a stable code', () => {
  it('malformed JSON is a 400', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'request.malformed_json', status: 400, title: 'Bad Request' });
  });

  it('an oversize body is a 413 and nothing is processed', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.c', password: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
    const failures = await t.db.selectFrom('login_failures').selectAll().execute();
    expect(failures).toHaveLength(0);
  });

  it('an unknown API route is a 404 problem', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route.not_found');
  });

  it('an unexpected failure is a 500 without detail or stack', async () => {
    const app = await buildServer({ config: t.config, db: t.db, dialect: t.dialect, mailer: t.mailer }, { logger: false });
    app.get('/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('secret internals at /srv/portico/db.ts:42');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal', detail: 'Internal server error' });
    expect(res.body).not.toContain('secret internals');
    await app.close();
  });
});

describe('security headers', () => {
  it('sends a restrictive CSP, no framing, nosniff and a referrer policy; no HSTS over http', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends the whole set on every kind of answer (a route, an error, a 404), and HSTS over https', async () => {
    const expected = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/no-such-route']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.headers, url).toMatchObject(expected);
      expect(res.headers['content-security-policy'], url).toBe(
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
      );
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
    const https = await createTestApp({ env: { PUBLIC_URL: 'https://portal.example' } });
    try {
      const res = await https.request({ method: 'GET', url: '/healthz', headers: { origin: 'https://portal.example' } });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      expect(res.headers).toMatchObject(expected);
    } finally {
      await https.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request from another site, even with a valid session', async () => {
    const { user } = await buildMember(t.db);
    const cookie = await loginAs(t, user);
    const cross = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { name: 'Evil' }, headers: { origin: 'https://evil.example' } });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('auth.cross_site_request');
    const fetchMeta = await t.request({ method: 'PATCH', url: '/api/v1/me', cookie, payload: { name: 'Evil' }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
  });

  it('refuses a login without any origin evidence and accepts Sec-Fetch-Site: same-origin', async () => {
    const { user } = await buildMember(t.db);
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(bare.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(200);
  });

  it('lets safe methods through without origin evidence', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    expect(res.statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('serves the document at /api/docs/json with the API routes and the UI at /api/docs', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/me/account']));
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    const ui = await t.request({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('the web app', () => {
  it('serves index.html for page paths, real files as they are, and never for /api', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-web-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Portico</title>');
    fs.writeFileSync(path.join(webRoot, 'assets', 'app-123.js'), 'console.log(1)');
    const app = await buildServer({ config: { ...t.config, webRoot }, db: t.db, dialect: t.dialect, mailer: t.mailer }, { logger: false });
    try {
      const root = await app.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('<title>Portico</title>');
      const page = await app.inject({ method: 'GET', url: '/account/activity' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<title>Portico</title>');
      const asset = await app.inject({ method: 'GET', url: '/assets/app-123.js' });
      expect(asset.headers['cache-control']).toContain('immutable');
      fs.writeFileSync(path.join(webRoot, 'assets', 'app-123.js.br'), 'brotli bytes');
      const compressed = await app.inject({ method: 'GET', url: '/assets/app-123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(compressed.headers['content-encoding']).toBe('br');
      const missingAsset = await app.inject({ method: 'GET', url: '/assets/missing.js' });
      expect(missingAsset.statusCode).toBe(404);
      const api = await app.inject({ method: 'GET', url: '/api/v1/unknown' });
      expect(api.json().code).toBe('route.not_found');
      const traversal = await app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
      expect(traversal.body).not.toContain('root:');
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true });
    }
  });
});

describe('request logs', () => {
  it('record requests without passwords, cookies or session tokens', async () => {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    let log = '';
    stream.on('data', (chunk) => {
      log += chunk.toString();
    });
    const app = await buildServer({ config: t.config, db: t.db, dialect: t.dialect, mailer: t.mailer }, { logger: { level: 'trace', stream } });
    try {
      const { user } = await buildMember(t.db);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://portico.test' },
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      const token = login.cookies[0]!.value;
      await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${token}` } });
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://portico.test' },
        payload: { email: user.email, password: 'a wrong secret pw' },
      });
      expect(log).toContain('/api/v1/me');
      expect(log).not.toContain(token);
      expect(log).not.toContain(TEST_PASSWORD);
      expect(log).not.toContain('a wrong secret pw');
    } finally {
      await app.close();
    }
  });
});
