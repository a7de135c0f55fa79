import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCase, buildKey, buildMember, buildProduct, buildStaff, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { randomFile, tusUpload } from '../../../test-support/tus-client.js';
import { requiredScope, scopeCovers } from '../api-token-scopes.js';

let t: TestApp;
let base: string;
let tmp: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-token-src-'));
});
afterAll(async () => {
  t.app.server.closeAllConnections();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function world() {
  const account = await buildAccount(t.db);
  const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member' })).user;
  const admin = (await buildMember(t.db, { account, role: 'admin', name: 'Ada Admin' })).user;
  const colleague = (await buildMember(t.db, { account, role: 'member' })).user;
  const other = await buildAccount(t.db);
  const otherAdmin = (await buildMember(t.db, { account: other, role: 'admin' })).user;
  const { productId } = await buildProduct(t.db);
  const ownKey = (await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id })).keyId;
  const { caseId } = await buildCase(t, { accountId: account.id, userId: member.id, subject: 'Nightly export fails' });
  const { caseId: otherCase } = await buildCase(t, { accountId: other.id, userId: otherAdmin.id });
  return {
    account, member, admin, colleague, other, otherAdmin, ownKey, caseId, otherCase,
    cookies: { member: await loginAs(t, member), admin: await loginAs(t, admin), colleague: await loginAs(t, colleague), otherAdmin: await loginAs(t, otherAdmin) },
  };
}

async function createToken(cookie: string, body: { name?: string; scopes: string[]; lifetimeDays?: number }) {
  const res = await t.request({ method: 'POST', url: '/api/v1/me/api-tokens', cookie, payload: { name: body.name ?? 'CI script', lifetimeDays: body.lifetimeDays ?? 30, scopes: body.scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { data: { id: string; hint: string; scopes: string[]; status: string; expiresAt: string }; secret: string };
}

/** A request as a script makes it: the token, no cookie, no Origin. */
const withToken = (secret: string, opts: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown }) =>
  t.app.inject({ method: opts.method ?? 'GET', url: opts.url, headers: { authorization: `Bearer ${secret}` }, ...(opts.payload ? { payload: opts.payload as object } : {}) });

describe('the scope of a route', () => {
  it('reads from the route pattern and the method; write covers read; everything else needs a session', () => {
    expect(requiredScope('GET', '/api/v1/cases')).toBe('cases:read');
    expect(requiredScope('POST', '/api/v1/cases/:caseId/comments')).toBe('cases:write');
    expect(requiredScope('PATCH', '/api/v1/uploads/:uploadId')).toBe('cases:write');
    expect(requiredScope('HEAD', '/api/v1/uploads/:uploadId')).toBe('cases:read');
    expect(requiredScope('GET', '/api/v1/attachments/:attachmentId/content')).toBe('cases:read');
    expect(requiredScope('PATCH', '/api/v1/keys/:keyId')).toBe('keys:write');
    expect(requiredScope('GET', '/api/v1/invoices')).toBe('invoices:read');
    expect(requiredScope('POST', '/api/v1/downloads/:artifactId/link')).toBe('downloads:read');
    expect(requiredScope('GET', '/api/v1/downloads/:artifactId/content')).toBe('downloads:read');
    // No token pays, manages users, tokens or the profile, or reaches the console.
    expect(requiredScope('POST', '/api/v1/invoices/:invoiceId/checkout')).toBeNull();
    for (const url of ['/api/v1/me', '/api/v1/me/api-tokens', '/api/v1/account/users', '/api/v1/staff/cases', '/api/v1/casesx']) expect(requiredScope('GET', url), url).toBeNull();
    expect(scopeCovers(['cases:write'], 'cases:read')).toBe(true);
    expect(scopeCovers(['cases:read'], 'cases:write')).toBe(false);
    expect(scopeCovers(['keys:write'], 'cases:read')).toBe(false);
  });
});

describe('personal API tokens', () => {
  it('are shown once, stored only as a hash, and act as their user within their scopes', async () => {
    const w = await world();
    const { data, secret } = await createToken(w.cookies.member, { scopes: ['cases:write', 'keys:read'] });
    expect(secret).toMatch(/^portico_pat_[A-Za-z0-9_-]{43}$/);
    expect(data.hint).toBe(secret.slice(0, 16));
    expect(data.scopes).toEqual(['cases:write', 'keys:read']);
    expect(data.status).toBe('active');
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', data.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret);
    // The list never shows the secret again.
    const listed = await t.request({ method: 'GET', url: '/api/v1/me/api-tokens', cookie: w.cookies.member });
    expect(listed.body).not.toContain(secret);
    expect(listed.json().data.map((x: { id: string }) => x.id)).toEqual([data.id]);

    // The member's own case and key, read with the token; writing a comment needs no Origin header.
    const cases = await withToken(secret, { url: '/api/v1/cases?view=all' });
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.json().data.map((c: { id: string }) => c.id)).toEqual([w.caseId]);
    const comment = await withToken(secret, { method: 'POST', url: `/api/v1/cases/${w.caseId}/comments`, payload: { body: 'Sent by our monitoring script.' } });
    expect(comment.statusCode, comment.body).toBe(201);
    const keys = await withToken(secret, { url: '/api/v1/keys' });
    expect(keys.statusCode).toBe(200);
    expect(keys.json().data.map((k: { id: string }) => k.id)).toEqual([w.ownKey]);
    // Another account's case stays 404, as for the member's session.
    expect((await withToken(secret, { url: `/api/v1/cases/${w.otherCase}` })).statusCode).toBe(404);
    // The last use is recorded.
    const used = await t.db.selectFrom('api_tokens').select(['last_used_at', 'last_used_ip']).where('id', '=', data.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
    // Writing to keys is outside the scopes; so is everything that is not an area.
    const assign = await withToken(secret, { method: 'POST', url: `/api/v1/keys/${w.ownKey}/renewal-request`, payload: {} });
    expect(assign.statusCode).toBe(403);
    expect(assign.json().code).toBe('auth.token_scope');
    for (const url of ['/api/v1/me', '/api/v1/me/api-tokens', '/api/v1/me/sessions', '/api/v1/account/activity']) {
      const res = await withToken(secret, { url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('auth.token_scope');
    }
    // A token cannot make more tokens.
    const more = await withToken(secret, { method: 'POST', url: '/api/v1/me/api-tokens', payload: { name: 'x', scopes: ['cases:read'], lifetimeDays: 7 } });
    expect(more.statusCode).toBe(403);
  });

  it('never give more than the user may: a member with cases:write still cannot see a colleague’s case', async () => {
    const w = await world();
    const { caseId: colleagueCase } = await buildCase(t, { accountId: w.account.id, userId: w.colleague.id });
    const { secret } = await createToken(w.cookies.member, { scopes: ['cases:write'] });
    expect((await withToken(secret, { url: `/api/v1/cases/${colleagueCase}` })).statusCode).toBe(404);
    // Invoices are the admin's and billing users' only.
    const { secret: invoices } = await createToken(w.cookies.member, { scopes: ['invoices:read'] });
    expect((await withToken(invoices, { url: '/api/v1/invoices?tab=unpaid' })).statusCode).toBe(403);
  });

  it('stop working when revoked, expired, or when the user leaves the account or is deactivated; bad tokens are 401', async () => {
    const w = await world();
    const revoked = await createToken(w.cookies.member, { scopes: ['cases:read'] });
    expect((await withToken(revoked.secret, { url: '/api/v1/cases' })).statusCode).toBe(200);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${revoked.data.id}`, cookie: w.cookies.member })).statusCode).toBe(204);
    const gone = await withToken(revoked.secret, { url: '/api/v1/cases' });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().code).toBe('auth.invalid_token');
    // Revoking twice is fine; the list says it is revoked.
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${revoked.data.id}`, cookie: w.cookies.member })).statusCode).toBe(204);
    const listed = (await t.request({ method: 'GET', url: '/api/v1/me/api-tokens', cookie: w.cookies.member })).json().data as { id: string; status: string }[];
    expect(listed.find((x) => x.id === revoked.data.id)?.status).toBe('revoked');

    const expired = await createToken(w.cookies.member, { scopes: ['cases:read'] });
    await t.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expired.data.id).execute();
    expect((await withToken(expired.secret, { url: '/api/v1/cases' })).statusCode).toBe(401);

    const leaving = await createToken(w.cookies.colleague, { scopes: ['cases:read'] });
    expect((await withToken(leaving.secret, { url: '/api/v1/cases' })).statusCode).toBe(200);
    await t.db.deleteFrom('memberships').where('user_id', '=', w.colleague.id).execute();
    expect((await withToken(leaving.secret, { url: '/api/v1/cases' })).statusCode).toBe(401);

    const deactivated = await createToken(w.cookies.admin, { scopes: ['cases:read'] });
    await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', w.admin.id).execute();
    expect((await withToken(deactivated.secret, { url: '/api/v1/cases' })).statusCode).toBe(401);

    for (const header of ['Bearer', 'Bearer ', 'Bearer portico_pat_nope', `Bearer ${revoked.secret}x`, 'bearer portico_pat_']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: header } });
      expect(res.statusCode, header).toBe(401);
    }
  });

  it('are limited per address when bad ones keep coming', async () => {
    const ip = '203.0.113.77';
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await t.app.inject({ method: 'GET', url: '/api/v1/cases', remoteAddress: ip, headers: { authorization: `Bearer portico_pat_guess${i}` } })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('are revoked by their owner or the account admins; anyone else gets 404; everything is audited', async () => {
    const w = await world();
    const mine = await createToken(w.cookies.member, { name: 'Backup job', scopes: ['keys:read'] });
    // A colleague and another account's admin cannot see or revoke it.
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${mine.data.id}`, cookie: w.cookies.colleague })).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${mine.data.id}`, cookie: w.cookies.otherAdmin })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/account/api-tokens', cookie: w.cookies.member })).statusCode).toBe(403);
    const all = await t.request({ method: 'GET', url: '/api/v1/account/api-tokens', cookie: w.cookies.admin });
    expect(all.json().data.map((x: { id: string; user: { name: string } }) => [x.id, x.user.name])).toEqual([[mine.data.id, 'Mia Member']]);
    const otherList = await t.request({ method: 'GET', url: '/api/v1/account/api-tokens', cookie: w.cookies.otherAdmin });
    expect(otherList.json().data).toEqual([]);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${mine.data.id}`, cookie: w.cookies.admin })).statusCode).toBe(204);
    expect((await withToken(mine.secret, { url: '/api/v1/keys' })).statusCode).toBe(401);
    const events = await t.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'data']).where('target_id', '=', mine.data.id).orderBy('at').execute();
    expect(events.map((e) => [e.action, e.actor_user_id])).toEqual([['api_token.created', w.member.id], ['api_token.revoked', w.admin.id]]);
    expect(JSON.stringify(events)).not.toContain(mine.secret);
  });

  it('refuse bad input and staff, and stop at twenty active tokens', async () => {
    const w = await world();
    for (const payload of [
      { name: '', scopes: ['cases:read'], lifetimeDays: 30 },
      { name: 'x', scopes: [], lifetimeDays: 30 },
      { name: 'x', scopes: ['cases:admin'], lifetimeDays: 30 },
      { name: 'x', scopes: ['cases:read'], lifetimeDays: 3650 },
      { name: 'x', scopes: ['cases:read'] },
    ]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/me/api-tokens', cookie: w.cookies.member, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
    expect((await t.request({ method: 'POST', url: '/api/v1/me/api-tokens', cookie: await loginAs(t, agent), payload: { name: 'x', scopes: ['cases:read'], lifetimeDays: 7 } })).statusCode).toBe(403);
    for (let i = 0; i < 20; i++) await createToken(w.cookies.otherAdmin, { name: `T${i}`, scopes: ['cases:read'], lifetimeDays: 7 });
    const over = await t.request({ method: 'POST', url: '/api/v1/me/api-tokens', cookie: w.cookies.otherAdmin, payload: { name: 'one more', scopes: ['cases:read'], lifetimeDays: 7 } });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('api_token.limit_reached');
  });

  it('upload a case attachment through tus with the token instead of the cookie', async () => {
    const w = await world();
    const { secret } = await createToken(w.cookies.member, { scopes: ['cases:write'] });
    const file = path.join(tmp, 'log.txt');
    randomFile(file, 300_000);
    const run = await tusUpload({ endpoint: `${base}/api/v1/uploads`, bearer: secret, file, metadata: { caseId: w.caseId, filename: 'nightly.log' }, chunkSize: 100_000 });
    expect(run.error).toBeNull();
    expect(run.attachmentId).toMatch(/^att_/);
    const content = await fetch(`${base}/api/v1/attachments/${run.attachmentId}/content`, { headers: { authorization: `Bearer ${secret}` } });
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    // A read-only token may not upload.
    const { secret: readOnly } = await createToken(w.cookies.member, { scopes: ['cases:read'] });
    const refused = await tusUpload({ endpoint: `${base}/api/v1/uploads`, bearer: readOnly, file, metadata: { caseId: w.caseId, filename: 'nightly.log' } });
    expect(refused.error).not.toBeNull();
  });
});
