import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsForMembership } from '../../../app/auth/permissions.js';
import {
  buildAccount,
  buildKey,
  buildKeyGroup,
  buildMember,
  buildProduct,
  buildStaff,
  loginAs,
  manageKeyGroup,
} from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { canViewCase } from '../cases.policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SUPPORT_EMAIL: 'support@vendor.test', CUSTOMER_SERVICE_EMAIL: 'billing@vendor.test' } });
});
afterAll(() => t.close());

const DAY = 86_400_000;

async function world() {
  const account = await buildAccount(t.db);
  const { productId } = await buildProduct(t.db, { name: 'Analytics Desktop', latestVersion: '2026.3' });
  const berlin = await buildKeyGroup(t.db, account.id, 'Berlin');
  const admin = (await buildMember(t.db, { account, role: 'admin', name: 'Ada Admin' })).user;
  const km = (await buildMember(t.db, { account, role: 'key_manager', name: 'Kai Keys' })).user;
  const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member' })).user;
  const colleague = (await buildMember(t.db, { account, role: 'member', name: 'Carl Colleague' })).user;
  await manageKeyGroup(t.db, { userId: km.id, accountId: account.id, keyGroupId: berlin });
  const keys = {
    berlin: (await buildKey(t.db, { accountId: account.id, productId, keyGroupId: berlin, maintenanceEnd: new Date(Date.now() + 400 * DAY).toISOString() })).keyId,
    members: (await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id, maintenanceEnd: new Date(Date.now() + 100 * DAY).toISOString() })).keyId,
    expired: (await buildKey(t.db, { accountId: account.id, productId, assignedUserId: member.id, maintenanceEnd: new Date(Date.now() - DAY).toISOString() })).keyId,
  };
  const other = await buildAccount(t.db);
  const otherAdmin = (await buildMember(t.db, { account: other, role: 'admin' })).user;
  const cookies = {
    admin: await loginAs(t, admin), km: await loginAs(t, km), member: await loginAs(t, member), colleague: await loginAs(t, colleague), otherAdmin: await loginAs(t, otherAdmin),
  };
  return { account, productId, berlin, admin, km, member, colleague, keys, otherAdmin, cookies };
}

type World = Awaited<ReturnType<typeof world>>;

async function openCase(cookie: string, body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/v1/cases', cookie, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { id: string; number: string; version: number; status: string };
}

const technical = (w: World, extra: Record<string, unknown> = {}) => ({
  type: 'technical', subject: 'Dashboard export fails', description: 'Export to PDF stops at **50 %**.', severity: 'p2', keyId: w.keys.members,
  productVersion: '2026.2', operatingSystem: 'Windows 11', ...extra,
});

async function mailsTo(to: string) {
  return t.db.selectFrom('mails').selectAll().where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();
}

describe('Fall erstellen', () => {
  it('opens a Technischer Support case about a key under maintenance, numbers it and tells the support queue', async () => {
    const w = await world();
    const before = (await mailsTo('support@vendor.test')).length;
    const c = await openCase(w.cookies.member, technical(w, { ccUserIds: [w.colleague.id] }));
    expect(c.number).toMatch(/^\d{8}$/);
    const res = await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member });
    const data = res.json().data;
    expect(res.headers.etag).toBe('"1"');
    expect(data).toMatchObject({
      status: 'new', severity: 'p2', type: 'technical', product: { name: 'Analytics Desktop' }, productVersion: '2026.2', latestVersion: '2026.3',
      operatingSystem: 'Windows 11', contact: { userId: w.member.id }, ccs: [{ userId: w.colleague.id }], key: { id: w.keys.members, maintenanceStatus: 'active' },
    });
    expect(data.descriptionHtml).toContain('<strong>50 %</strong>');
    const mails = await mailsTo('support@vendor.test');
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.subject).toContain(c.number);
    expect(mails.at(-1)!.text_body).toContain('http://portico.test/console/cases/');
  });

  it('refuses a technical case about an expired key with a clear code, and one about a key the user cannot see', async () => {
    const w = await world();
    const expired = await t.request({ method: 'POST', url: '/api/v1/cases', cookie: w.cookies.member, payload: technical(w, { keyId: w.keys.expired }) });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().code).toBe('case.key_not_under_maintenance');
    const hidden = await t.request({ method: 'POST', url: '/api/v1/cases', cookie: w.cookies.member, payload: technical(w, { keyId: w.keys.berlin }) });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors[0]).toMatchObject({ path: 'body.keyId', code: 'unknown_key' });
    const noSeverity = await t.request({ method: 'POST', url: '/api/v1/cases', cookie: w.cookies.member, payload: technical(w, { severity: undefined }) });
    expect(noSeverity.json().errors[0]).toMatchObject({ path: 'body.severity', code: 'required' });
  });

  it('opens a Kundendienst case with a category (the expired key is fine there), sent to the customer-service queue', async () => {
    const w = await world();
    const noCategory = await t.request({ method: 'POST', url: '/api/v1/cases', cookie: w.cookies.member, payload: { type: 'customer_service', subject: 'Renewal', description: 'Please renew.' } });
    expect(noCategory.json().errors[0]).toMatchObject({ path: 'body.category', code: 'required' });
    const c = await openCase(w.cookies.member, { type: 'customer_service', category: 'licensing', subject: 'Wartung verlängern', description: 'Bitte verlängern.', keyId: w.keys.expired, invoiceNumber: 'INV-2026-000042' });
    const data = (await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member })).json().data;
    expect(data).toMatchObject({ type: 'customer_service', category: 'licensing', severity: 'p3', invoiceNumber: 'INV-2026-000042', key: { maintenanceStatus: 'expired' } });
    expect((await mailsTo('billing@vendor.test')).at(-1)!.subject).toContain(c.number);
  });

  it('shows script in Markdown as harmless text', async () => {
    const w = await world();
    const c = await openCase(w.cookies.member, technical(w, { description: '<script>alert(1)</script> [x](javascript:alert(1))' }));
    const html = (await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member })).json().data.descriptionHtml;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
  });

  it('offers the keys a user may refer to, marked supportable or not, and the people to CC', async () => {
    const w = await world();
    const opts = (await t.request({ method: 'GET', url: '/api/v1/cases/form-options', cookie: w.cookies.member })).json().data;
    expect(opts.keys.map((k: { id: string; supportable: boolean }) => [k.id, k.supportable]).sort()).toEqual([[w.keys.expired, false], [w.keys.members, true]].sort());
    expect(opts.people.map((p: { userId: string }) => p.userId).sort()).toEqual([w.admin.id, w.km.id, w.member.id, w.colleague.id].sort());
  });
});

describe('Meine Fälle', () => {
  it('shows each view within the user’s scope, counts them and remembers the last view', async () => {
    const w = await world();
    const mine = await openCase(w.cookies.member, technical(w));
    const ccd = await openCase(w.cookies.admin, technical(w, { keyId: w.keys.berlin, ccUserIds: [w.member.id], subject: 'Server crash' }));
    const kmCase = await openCase(w.cookies.admin, technical(w, { keyId: w.keys.berlin, subject: 'Slow renders' }));
    const colleagues = await openCase(w.cookies.colleague, { type: 'customer_service', category: 'invoice', subject: 'Invoice question', description: 'Why?' });
    const list = async (cookie: string, qs: string) => {
      const res = await t.request({ method: 'GET', url: `/api/v1/cases?${qs}`, cookie });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data.map((c: { id: string }) => c.id).sort();
    };
    expect(await list(w.cookies.admin, 'view=all')).toEqual([mine.id, ccd.id, kmCase.id, colleagues.id].sort());
    expect(await list(w.cookies.member, 'view=all')).toEqual([mine.id, ccd.id].sort());
    expect(await list(w.cookies.km, 'view=all')).toEqual([ccd.id, kmCase.id].sort());
    expect(await list(w.cookies.member, 'view=my_open')).toEqual([mine.id]);
    expect(await list(w.cookies.otherAdmin, 'view=all')).toEqual([]);
    // Recently viewed: what the user opened, most recent first.
    expect(await list(w.cookies.member, 'view=recent')).toEqual([]);
    await t.request({ method: 'GET', url: `/api/v1/cases/${ccd.id}`, cookie: w.cookies.member });
    expect(await list(w.cookies.member, 'view=recent')).toEqual([ccd.id]);
    // Views differ by status.
    await t.request({ method: 'POST', url: `/api/v1/cases/${mine.id}/solve`, cookie: w.cookies.member });
    expect(await list(w.cookies.member, 'view=all_open')).toEqual([ccd.id]);
    expect(await list(w.cookies.member, 'view=active_support')).toEqual([ccd.id]);
    const counts = (await t.request({ method: 'GET', url: '/api/v1/cases/counts', cookie: w.cookies.member })).json();
    expect(counts.data).toEqual({ recent: 1, active_support: 1, my_open: 0, all_open: 1, all: 2 });
    expect(counts.lastView).toBe('active_support');
    const remembered = (await t.request({ method: 'GET', url: '/api/v1/cases', cookie: w.cookies.member })).json();
    expect(remembered.view).toBe('active_support');
    // Other account: 404, never 403.
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${mine.id}`, cookie: w.cookies.otherAdmin })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${colleagues.id}`, cookie: w.cookies.member })).statusCode).toBe(404);
  });

  it('searches the full text, filters, sorts and pages with a cursor; exports CSV', async () => {
    const w = await world();
    const a = await openCase(w.cookies.admin, technical(w, { keyId: w.keys.berlin, subject: 'Lizenzserver antwortet nicht', severity: 'p1' }));
    const b = await openCase(w.cookies.admin, technical(w, { keyId: w.keys.berlin, subject: 'Druckvorschau leer', severity: 'p3' }));
    const c = await openCase(w.cookies.admin, { type: 'customer_service', category: 'payment', subject: 'Zahlung doppelt', description: 'Wir haben zweimal bezahlt.' });
    await t.request({ method: 'POST', url: `/api/v1/cases/${b.id}/comments`, cookie: w.cookies.admin, payload: { body: 'Auch der Lizenzserver meldet Fehler 4711.' } });
    const ids = async (qs: string) => (await t.request({ method: 'GET', url: `/api/v1/cases?view=all&${qs}`, cookie: w.cookies.admin })).json().data.map((x: { id: string }) => x.id);
    expect((await ids('q=lizenzserv')).sort()).toEqual([a.id, b.id].sort());
    expect(await ids('q=4711')).toEqual([b.id]);
    expect(await ids(`q=${c.number}`)).toEqual([c.id]);
    expect(await ids('type=customer_service')).toEqual([c.id]);
    expect(await ids('severity=p1')).toEqual([a.id]);
    expect((await ids('status=new,in_progress')).length).toBe(3);
    expect(await ids('sort=oldest')).toEqual([a.id, b.id, c.id]);
    expect(await ids('sort=newest')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=activity')).toEqual([b.id, c.id, a.id]);
    expect(await ids(`contact=${w.member.id}`)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ids(`from=${today}&to=${today}`)).length).toBe(3);
    expect(await ids('from=2001-01-01&to=2001-12-31')).toEqual([]);
    const p1 = (await t.request({ method: 'GET', url: '/api/v1/cases?view=all&limit=2', cookie: w.cookies.admin })).json();
    expect(p1.data.map((x: { id: string }) => x.id)).toEqual([c.id, b.id]);
    const p2 = (await t.request({ method: 'GET', url: `/api/v1/cases?view=all&limit=2&cursor=${p1.nextCursor}`, cookie: w.cookies.admin })).json();
    expect(p2.data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(p2.nextCursor).toBeNull();
    const csv = await t.request({ method: 'GET', url: '/api/v1/cases?view=all&format=csv', cookie: w.cookies.admin });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toHaveLength(4);
    const bad = await t.request({ method: 'GET', url: '/api/v1/cases?status=nonsense', cookie: w.cookies.admin });
    expect(bad.statusCode).toBe(400);
    // Each account searches its own index: umlauts and word beginnings match, another account's words never.
    const z = await openCase(w.cookies.admin, { type: 'customer_service', category: 'other', subject: 'Zeitüberschreitung beim Bericht', description: 'x' });
    expect(await ids(`q=${encodeURIComponent('zeitüber')}`)).toEqual([z.id]);
    expect(await ids(`q=${encodeURIComponent('ZEITÜBERSCHREITUNG bericht')}`)).toEqual([z.id]);
    const other = (q: string) => t.request({ method: 'GET', url: `/api/v1/cases?view=all&q=${encodeURIComponent(q)}`, cookie: w.cookies.otherAdmin }).then((r) => r.json().data);
    expect(await other('zeitüber')).toEqual([]);
    expect(await other('lizenzserv')).toEqual([]);
  });

  it('suggests similar cases while a subject is typed, only from the user’s scope', async () => {
    const w = await world();
    const own = await openCase(w.cookies.member, technical(w, { subject: 'Abfrage mit Zeitüberschreitung' }));
    await openCase(w.cookies.admin, technical(w, { keyId: w.keys.berlin, subject: 'Zeitüberschreitung beim Export' }));
    const res = await t.request({ method: 'GET', url: `/api/v1/cases/similar?q=${encodeURIComponent('Zeitüberschreitung Bericht')}`, cookie: w.cookies.member });
    expect(res.json().data.map((c: { id: string }) => c.id)).toEqual([own.id]);
    const admin = await t.request({ method: 'GET', url: `/api/v1/cases/similar?q=${encodeURIComponent('zeitüberschreitung')}`, cookie: w.cookies.admin });
    expect(admin.json().data).toHaveLength(2);
  });

  it('never returns a case the single-case policy denies, in any view, search or export (property check)', async () => {
    for (let round = 0; round < 3; round++) {
      const account = await buildAccount(t.db);
      const { productId } = await buildProduct(t.db);
      const groups = [await buildKeyGroup(t.db, account.id), await buildKeyGroup(t.db, account.id)];
      const people = await Promise.all(
        (['admin', 'key_manager', 'member', 'member'] as const).map(async (role, i) => ({
          role, caseAdmin: role === 'member' && i === 3 && round === 1, user: (await buildMember(t.db, { account, role, caseAdmin: role === 'member' && i === 3 && round === 1 })).user,
        })),
      );
      const managed = new Map<string, string[]>();
      for (const p of people.filter((x) => x.role === 'key_manager')) {
        const mine = groups.filter(() => Math.random() < 0.6);
        managed.set(p.user.id, mine);
        for (const g of mine) await manageKeyGroup(t.db, { userId: p.user.id, accountId: account.id, keyGroupId: g });
      }
      const keys = [];
      for (const g of [...groups, null]) keys.push({ id: (await buildKey(t.db, { accountId: account.id, productId, keyGroupId: g })).keyId, keyGroupId: g });
      const adminCookie = await loginAs(t, people[0]!.user);
      const cookies = new Map<string, string>([[people[0]!.user.id, adminCookie]]);
      for (const p of people.slice(1)) cookies.set(p.user.id, await loginAs(t, p.user));
      const facts = [];
      for (let i = 0; i < 10; i++) {
        const key = keys[Math.floor(Math.random() * keys.length)]!;
        const creator = people[Math.floor(Math.random() * people.length)]!;
        const cc = people.filter((p) => p.user.id !== creator.user.id && Math.random() < 0.25).map((p) => p.user.id);
        // Everyone sees the key through an admin-created case; members open Kundendienst cases (no key needed).
        const asAdmin = creator.role === 'admin' || Math.random() < 0.5;
        const cookie = asAdmin ? adminCookie : cookies.get(creator.user.id)!;
        const body = asAdmin
          ? { type: 'technical', subject: `Probe ${round} ${i} gemeinsam`, description: 'x', severity: 'p3', keyId: key.id, ccUserIds: cc }
          : { type: 'customer_service', category: 'other', subject: `Probe ${round} ${i} gemeinsam`, description: 'x', ccUserIds: cc };
        const c = await openCase(cookie, body);
        facts.push({ id: c.id, accountId: account.id, createdByUserId: asAdmin ? people[0]!.user.id : creator.user.id, contactUserId: asAdmin ? people[0]!.user.id : creator.user.id, ccUserIds: cc, keyGroupId: asAdmin ? key.keyGroupId : null });
      }
      for (const p of people) {
        const actor = {
          kind: 'customer' as const, userId: p.user.id, sessionId: 's', accountId: account.id, role: p.role, caseAdmin: p.caseAdmin, billing: false, downloads: false,
          permissions: permissionsForMembership({ role: p.role, caseAdmin: p.caseAdmin, billing: false, downloads: false }),
        };
        const expected = facts.filter((f) => canViewCase({ actor, managedGroupIds: managed.get(p.user.id) ?? [] }, f)).map((f) => f.id).sort();
        const cookie = cookies.get(p.user.id)!;
        const listed = (qs: string) => t.request({ method: 'GET', url: `/api/v1/cases?limit=100&${qs}`, cookie }).then((r) => r.json().data.map((c: { id: string }) => c.id).sort());
        expect(await listed('view=all'), `${p.role} round ${round}`).toEqual(expected);
        expect(await listed('view=all&q=gemeinsam')).toEqual(expected);
        for (const view of ['recent', 'active_support', 'my_open', 'all_open']) for (const id of await listed(`view=${view}`)) expect(expected).toContain(id);
        // The counts (per-status counters for the account-wide views) agree with the lists.
        const counts = (await t.request({ method: 'GET', url: '/api/v1/cases/counts', cookie })).json().data;
        for (const view of ['recent', 'active_support', 'my_open', 'all_open', 'all']) expect(counts[view], `${p.role} ${view}`).toBe((await listed(`view=${view}`)).length);
        const similar = (await t.request({ method: 'GET', url: '/api/v1/cases/similar?q=gemeinsam', cookie })).json().data;
        for (const s of similar) expect(expected).toContain(s.id);
        const csv = (await t.request({ method: 'GET', url: '/api/v1/cases?view=all&format=csv', cookie })).body.trim().split('\r\n');
        expect(csv.length - 1).toBe(expected.length);
        for (const id of facts.map((f) => f.id)) {
          const status = (await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, cookie })).statusCode;
          expect(status).toBe(expected.includes(id) ? 200 : 404);
        }
      }
    }
  });
});

describe('the case page', () => {
  it('edits with If-Match: one of two concurrent edits wins, the other gets 412', async () => {
    const w = await world();
    const c = await openCase(w.cookies.member, technical(w));
    const first = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member, headers: { 'if-match': '"1"' }, payload: { severity: 'p1' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const second = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.admin, headers: { 'if-match': '"1"' }, payload: { description: 'Mine' } });
    expect(second.statusCode).toBe(412);
    const none = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member, payload: { severity: 'p2' } });
    expect(none.statusCode).toBe(428);
    const ccs = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member, headers: { 'if-match': '"2"' }, payload: { ccUserIds: [w.colleague.id], contactUserId: w.colleague.id } });
    expect(ccs.json().data).toMatchObject({ contact: { userId: w.colleague.id }, ccs: [{ userId: w.colleague.id }] });
    const stranger = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member, headers: { 'if-match': '"3"' }, payload: { ccUserIds: [w.otherAdmin.id] } });
    expect(stranger.statusCode).toBe(400);
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.member })).json().data;
    // Changes saved together share their moment; their order among themselves is not defined.
    const kinds = timeline.map((e: { kind?: string }) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['opened', 'severity_changed']);
    expect(kinds.slice(2).sort()).toEqual(['ccs_changed', 'contact_changed']);
  });

  it('a comment tells support, a CC and the contact; a long comment is refused; a comment does not turn an open edit into a 412', async () => {
    const w = await world();
    const c = await openCase(w.cookies.member, technical(w, { ccUserIds: [w.colleague.id] }));
    const before = (await mailsTo('support@vendor.test')).length;
    const res = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.colleague, payload: { body: 'Same here.' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await mailsTo('support@vendor.test')).length).toBe(before + 1);
    expect((await mailsTo(w.member.email)).at(-1)!.text_body).toContain('Same here.');
    expect((await mailsTo(w.colleague.email)).length).toBe(0);
    const long = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.member, payload: { body: 'x'.repeat(20_001) } });
    expect(long.statusCode).toBe(400);
    const edit = await t.request({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member, headers: { 'if-match': '"1"' }, payload: { severity: 'p3' } });
    expect(edit.statusCode).toBe(200);
  });

  it('mails each person only the kinds of case events they want', async () => {
    const w = await world();
    const c = await openCase(w.cookies.member, technical(w, { ccUserIds: [w.colleague.id] }));
    await t.request({ method: 'PATCH', url: '/api/v1/me', cookie: w.cookies.member, payload: { notificationPrefs: { caseUpdates: false } } });
    await t.request({ method: 'PATCH', url: '/api/v1/me', cookie: w.cookies.colleague, payload: { notificationPrefs: { caseStatus: false } } });
    await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.colleague, payload: { body: 'Any news?' } });
    expect(await mailsTo(w.member.email)).toHaveLength(0);
    await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.member, payload: { body: 'Not yet.' } });
    expect((await mailsTo(w.colleague.email)).map((m) => m.subject)).toEqual([expect.stringContaining('Neuer Kommentar')]);
    await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/solve`, cookie: w.cookies.admin });
    expect((await mailsTo(w.member.email)).map((m) => m.subject)).toEqual([expect.stringContaining('Gelöst')]);
    expect(await mailsTo(w.colleague.email)).toHaveLength(1);
  });

  it('solves and reopens within 14 days; later a reopen is refused and a new case links the old one; a solved case takes no comments', async () => {
    const w = await world();
    const c = await openCase(w.cookies.member, technical(w));
    const solved = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/solve`, cookie: w.cookies.member });
    expect(solved.json().data).toMatchObject({ status: 'solved', abilities: { reopen: true, comment: false } });
    const comment = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.member, payload: { body: 'One more thing' } });
    expect(comment.statusCode).toBe(409);
    expect(comment.json().code).toBe('case.not_open');
    const reopened = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/reopen`, cookie: w.cookies.member });
    expect(reopened.json().data.status).toBe('new');
    await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/solve`, cookie: w.cookies.member });
    await t.db.updateTable('cases').set({ solved_at: new Date(Date.now() - 15 * DAY).toISOString() }).where('id', '=', c.id).execute();
    const late = await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/reopen`, cookie: w.cookies.member });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('case.reopen_expired');
    const followUp = await openCase(w.cookies.member, technical(w, { relatedCaseId: c.id }));
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${followUp.id}`, cookie: w.cookies.member })).json().data.relatedCase).toEqual({ id: c.id, number: c.number });
  });
});

describe('the support console', () => {
  it('an agent sees the queue with the first-response target, assigns, replies in public and notes internally; the note never reaches the customer', async () => {
    const w = await world();
    const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
    const billing = (await buildStaff(t.db, { staffRole: 'billing' })).user;
    const [ag, bi] = [await loginAs(t, agent), await loginAs(t, billing)];
    const c = await openCase(w.cookies.member, technical(w, { severity: 'p1', ccUserIds: [w.colleague.id] }));
    const queue = (await t.request({ method: 'GET', url: `/api/v1/staff/cases?assigned=none&queue=technical&account=${w.account.id}`, cookie: ag })).json().data;
    expect(queue.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(queue[0]).toMatchObject({ responseState: 'due', account: { id: w.account.id } });
    expect(Date.parse(queue[0].firstResponseDueAt) - Date.parse(queue[0].createdAt)).toBe(3_600_000);
    // Billing staff work Kundendienst only.
    expect((await t.request({ method: 'GET', url: `/api/v1/staff/cases/${c.id}`, cookie: bi })).statusCode).toBe(404);
    // Customers never learn the console exists.
    expect((await t.request({ method: 'GET', url: '/api/v1/staff/cases', cookie: w.cookies.admin })).statusCode).toBe(404);

    const assigned = await t.request({ method: 'PATCH', url: `/api/v1/staff/cases/${c.id}`, cookie: ag, headers: { 'if-match': '"1"' }, payload: { assignedUserId: agent.id } });
    expect(assigned.json().data).toMatchObject({ status: 'in_progress', assignedTo: { userId: agent.id } });

    const note = await t.request({ method: 'POST', url: `/api/v1/staff/cases/${c.id}/comments`, cookie: ag, payload: { body: 'Intern: Kunde nutzt veralteten Treiber XYZZY.', visibility: 'internal' } });
    expect(note.statusCode).toBe(201);
    const reply = await t.request({ method: 'POST', url: `/api/v1/staff/cases/${c.id}/comments`, cookie: ag, payload: { body: 'Bitte installieren Sie 2026.3.', visibility: 'public' } });
    expect(reply.statusCode).toBe(201);

    const staffView = (await t.request({ method: 'GET', url: `/api/v1/staff/cases/${c.id}`, cookie: ag })).json().data;
    expect(staffView).toMatchObject({ status: 'waiting_on_customer', responseState: 'met' });
    const staffTimeline = (await t.request({ method: 'GET', url: `/api/v1/staff/cases/${c.id}/comments`, cookie: ag })).json().data;
    expect(staffTimeline.some((e: { body?: string }) => e.body?.includes('XYZZY'))).toBe(true);

    for (const cookie of [w.cookies.member, w.cookies.admin]) {
      const timeline = await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}/comments`, cookie });
      expect(timeline.body).not.toContain('XYZZY');
      expect(timeline.body).not.toContain('"internal"');
      expect(timeline.json().data.some((e: { body?: string }) => e.body === 'Bitte installieren Sie 2026.3.')).toBe(true);
      expect((await t.request({ method: 'GET', url: '/api/v1/cases?view=all&q=XYZZY', cookie })).json().data).toEqual([]);
      expect((await t.request({ method: 'GET', url: '/api/v1/cases/similar?q=XYZZY', cookie })).json().data).toEqual([]);
      expect((await t.request({ method: 'GET', url: '/api/v1/cases?view=all&format=csv', cookie })).body).not.toContain('XYZZY');
      expect((await t.request({ method: 'GET', url: '/api/v1/account/activity?limit=100', cookie })).body).not.toMatch(/XYZZY|internal_note/);
    }
    const memberMails = await mailsTo(w.member.email);
    expect(memberMails.at(-1)!.text_body).toContain('Bitte installieren Sie 2026.3.');
    expect(memberMails.at(-1)!.text_body).toContain(`http://portico.test/cases/${c.id}`);
    const allMails = await t.db.selectFrom('mails').select('text_body').execute();
    expect(allMails.some((m) => m.text_body.includes('XYZZY'))).toBe(false);
    expect((await mailsTo(w.colleague.email)).length).toBeGreaterThan(0);

    // The customer answers: the case goes back to support, and the assigned agent is told.
    await t.request({ method: 'POST', url: `/api/v1/cases/${c.id}/comments`, cookie: w.cookies.member, payload: { body: 'Installiert, geht jetzt.' } });
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${c.id}`, cookie: w.cookies.member })).json().data.status).toBe('in_progress');
    expect((await mailsTo(agent.email)).at(-1)!.text_body).toContain('Installiert, geht jetzt.');
  });

  it('lists overdue cases and sorts by urgency; a stale If-Match gets 412', async () => {
    const w = await world();
    const agent = (await buildStaff(t.db, { staffRole: 'agent' })).user;
    const ag = await loginAs(t, agent);
    const late = await openCase(w.cookies.member, technical(w, { severity: 'p4' }));
    const urgent = await openCase(w.cookies.member, technical(w, { severity: 'p1' }));
    await t.db.updateTable('cases').set({ first_response_due_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', late.id).execute();
    const overdue = (await t.request({ method: 'GET', url: `/api/v1/staff/cases?overdue=true&account=${w.account.id}`, cookie: ag })).json().data;
    expect(overdue.map((x: { id: string }) => x.id)).toEqual([late.id]);
    expect(overdue[0].responseState).toBe('overdue');
    const byDue = (await t.request({ method: 'GET', url: `/api/v1/staff/cases?sort=due&account=${w.account.id}`, cookie: ag })).json().data;
    expect(byDue.map((x: { id: string }) => x.id)).toEqual([late.id, urgent.id]);
    const byNumber = (await t.request({ method: 'GET', url: `/api/v1/staff/cases?q=${Number(urgent.number)}`, cookie: ag })).json().data;
    expect(byNumber.map((x: { id: string }) => x.id)).toEqual([urgent.id]);
    await t.request({ method: 'PATCH', url: `/api/v1/staff/cases/${late.id}`, cookie: ag, headers: { 'if-match': '"1"' }, payload: { severity: 'p2' } });
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/staff/cases/${late.id}`, cookie: ag, headers: { 'if-match': '"1"' }, payload: { status: 'closed' } });
    expect(stale.statusCode).toBe(412);
    const notAgent = await t.request({ method: 'PATCH', url: `/api/v1/staff/cases/${late.id}`, cookie: ag, headers: { 'if-match': '"2"' }, payload: { assignedUserId: w.admin.id } });
    expect(notAgent.statusCode).toBe(400);
  });
});
