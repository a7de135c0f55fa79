import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildKey, buildMember, buildProduct, loginAs } from '../../../test-support/factories.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { nextRunAfter, REPORT_SUBSCRIPTION_JOB, requeueOverdueSubscriptions, sendSubscription } from '../report-subscriptions.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

let smtp: SMTPServer;
const inbox: Received[] = [];
let t: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then((m) => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: m.subject ?? '',
          text: m.text ?? '',
          attachments: m.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Portico <noreply@portico.test>' } });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const DAY = 86_400_000;

async function world() {
  const account = await buildAccount(t.db);
  const { productId } = await buildProduct(t.db, { name: 'Analytics Desktop' });
  const admin = (await buildMember(t.db, { account, role: 'admin', name: 'Ada Admin' })).user;
  const member = (await buildMember(t.db, { account, role: 'member', name: 'Mia Member' })).user;
  await buildKey(t.db, { accountId: account.id, productId, seats: 4, maintenanceEnd: new Date(Date.now() + 20 * DAY).toISOString() });
  await buildKey(t.db, { accountId: account.id, productId, seats: 2, maintenanceEnd: new Date(Date.now() + 50 * DAY).toISOString(), assignedUserId: member.id });
  return { account, admin, member, cookies: { admin: await loginAs(t, admin), member: await loginAs(t, member) } };
}

async function subscribe(cookie: string, payload: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/v1/report-subscriptions', cookie, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { id: string; nextRunAt: string; filters: Record<string, unknown>; status: string };
}

/** Makes the subscription's run due now, as the clock would on its day. */
async function makeDue(id: string) {
  const past = new Date(Date.now() - 1000).toISOString();
  await t.db.updateTable('report_subscriptions').set({ next_run_at: past }).where('id', '=', id).execute();
  await t.db.updateTable('jobs').set({ run_at: past }).where('kind', '=', REPORT_SUBSCRIPTION_JOB).where('status', '=', 'pending').execute();
}

async function waitForMail(to: string, count: number) {
  for (let i = 0; i < 100 && inbox.filter((m) => m.to.includes(to)).length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return inbox.filter((m) => m.to.includes(to));
}

describe('the next send time', () => {
  it('is the coming Monday (weekly) or the first of the coming month (monthly), at 05:00 UTC', () => {
    const wednesday = new Date('2026-11-25T12:00:00Z');
    expect(nextRunAfter('weekly', wednesday)).toBe('2026-11-30T05:00:00.000Z');
    expect(nextRunAfter('monthly', wednesday)).toBe('2026-12-01T05:00:00.000Z');
    expect(nextRunAfter('weekly', new Date('2026-11-30T05:00:00Z'))).toBe('2026-12-07T05:00:00.000Z');
    expect(nextRunAfter('weekly', new Date('2026-11-30T04:59:00Z'))).toBe('2026-11-30T05:00:00.000Z');
    expect(nextRunAfter('monthly', new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01T05:00:00.000Z');
  });
});

describe('report subscriptions', () => {
  it('mails the report with the subscriber’s rights as an XLSX attachment through the outbox, then schedules the next run', async () => {
    const w = await world();
    const sub = await subscribe(w.cookies.member, { reportId: 'maintenance', frequency: 'weekly', filters: { within: 60 } });
    expect(sub).toMatchObject({ status: 'active', filters: { within: 60 } });
    expect(Date.parse(sub.nextRunAt)).toBeGreaterThan(Date.now());
    const listed = await t.request({ method: 'GET', url: '/api/v1/report-subscriptions', cookie: w.cookies.member });
    expect(listed.json().data.map((s: { id: string }) => s.id)).toEqual([sub.id]);

    await makeDue(sub.id);
    await t.worker.drain();
    const [mail] = await waitForMail(w.member.email, 1);
    expect(mail?.subject).toBe('Ihr wöchentlicher Bericht: Wartung und Verlängerung');
    expect(mail?.text).toContain('Wartungsende in Tagen: 60');
    expect(mail?.text).toContain('/reports/maintenance?within=60');
    expect(mail?.attachments).toHaveLength(1);
    expect(mail?.attachments[0]?.filename).toMatch(/^wartung-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mail!.attachments[0]!.content as unknown as ArrayBuffer);
    // The member sees only the key assigned to her: one row under the headings.
    expect(book.worksheets[0]!.rowCount).toBe(2);
    expect(book.worksheets[0]!.getRow(2).getCell(7).value).toBe(2);

    const after = await t.db.selectFrom('report_subscriptions').selectAll().where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(after.last_sent_at).not.toBeNull();
    expect(Date.parse(after.next_run_at)).toBeGreaterThan(Date.now());
    const next = await t.db.selectFrom('jobs').select('run_at').where('kind', '=', REPORT_SUBSCRIPTION_JOB).where('status', '=', 'pending').execute();
    expect(next.map((j) => j.run_at)).toContain(after.next_run_at);
    const audit = await t.db.selectFrom('audit_events').select('action').where('target_id', '=', sub.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['report_subscription.created', 'report_subscription.sent']);

    // A second run of the same (already claimed) due time sends nothing.
    expect(await sendSubscription({ deps: t.app.deps, subscriptionId: sub.id })).toMatchObject({ sent: false, reason: 'not_due' });
  });

  it('sends CSV when asked, in the subscriber’s language', async () => {
    const w = await world();
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', w.admin.id).execute();
    const sub = await subscribe(w.cookies.admin, { reportId: 'key-inventory', frequency: 'monthly', format: 'csv' });
    await makeDue(sub.id);
    await t.worker.drain();
    const [mail] = await waitForMail(w.admin.email, 1);
    expect(mail?.subject).toBe('Your monthly report: Key inventory');
    expect(mail?.attachments[0]?.filename).toMatch(/^key-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = mail!.attachments[0]!.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Product key');
  });

  it('sends nothing to a user who lost the right, and pauses the subscription with the reason', async () => {
    const w = await world();
    const biller = (await buildMember(t.db, { account: w.account, role: 'member', billing: true })).user;
    const cookie = await loginAs(t, biller);
    const sub = await subscribe(cookie, { reportId: 'invoices', frequency: 'weekly' });
    await t.db.updateTable('memberships').set({ billing: false }).where('user_id', '=', biller.id).execute();
    await makeDue(sub.id);
    await t.worker.drain();
    const row = await t.db.selectFrom('report_subscriptions').selectAll().where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'paused', paused_reason: 'not_permitted' });
    const mails = await t.db.selectFrom('mails').select('id').where('to_address', '=', biller.email).execute();
    expect(mails).toHaveLength(0);
    const listed = await t.request({ method: 'GET', url: '/api/v1/report-subscriptions', cookie });
    expect(listed.json().data[0]).toMatchObject({ status: 'paused', pausedReason: 'not_permitted' });

    const leaver = await world();
    const s2 = await subscribe(leaver.cookies.member, { reportId: 'key-inventory', frequency: 'weekly' });
    await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', leaver.member.id).execute();
    expect(await sendSubscription({ deps: t.app.deps, subscriptionId: s2.id, now: new Date(Date.now() + 8 * DAY) })).toMatchObject({ sent: false, reason: 'user_inactive' });
  });

  it('refuses a report the user may not run, a filter the report does not take, and more than the limit', async () => {
    const w = await world();
    const refused = await t.request({ method: 'POST', url: '/api/v1/report-subscriptions', cookie: w.cookies.member, payload: { reportId: 'invoices', frequency: 'weekly' } });
    expect(refused.statusCode).toBe(403);
    const foreign = await t.request({ method: 'POST', url: '/api/v1/report-subscriptions', cookie: w.cookies.admin, payload: { reportId: 'maintenance', frequency: 'weekly', filters: { severity: 'p1' } } });
    expect(foreign.statusCode).toBe(400);
    for (let i = 0; i < 20; i++) await subscribe(w.cookies.admin, { reportId: 'cases', frequency: 'weekly' });
    const tooMany = await t.request({ method: 'POST', url: '/api/v1/report-subscriptions', cookie: w.cookies.admin, payload: { reportId: 'cases', frequency: 'weekly' } });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('report_subscription.limit');
  });

  it('lets a user end only their own subscription: another user’s reads as not found', async () => {
    const w = await world();
    const sub = await subscribe(w.cookies.member, { reportId: 'activations', frequency: 'monthly', filters: { staleDays: 14, from: '2026-01-01' } });
    // Dates roll with each run: a subscription keeps the report's other filters only.
    expect(sub.filters).toEqual({ staleDays: 14 });
    const other = await t.request({ method: 'DELETE', url: `/api/v1/report-subscriptions/${sub.id}`, cookie: w.cookies.admin });
    expect(other.statusCode).toBe(404);
    const own = await t.request({ method: 'DELETE', url: `/api/v1/report-subscriptions/${sub.id}`, cookie: w.cookies.member });
    expect(own.statusCode).toBe(204);
    // Its pending job finds nothing to send.
    await makeDue(sub.id);
    await t.worker.drain();
    expect(await t.db.selectFrom('mails').select('id').where('to_address', '=', w.member.email).execute()).toHaveLength(0);
  });

  it('re-queues a subscription whose job was lost, but not one whose job still waits', async () => {
    const w = await world();
    const sub = await subscribe(w.cookies.admin, { reportId: 'cases', frequency: 'weekly' });
    const past = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await t.db.updateTable('report_subscriptions').set({ next_run_at: past }).where('id', '=', sub.id).execute();
    expect(await requeueOverdueSubscriptions({ deps: t.app.deps })).toBe(0);
    await t.db.deleteFrom('jobs').where('kind', '=', REPORT_SUBSCRIPTION_JOB).where('status', '=', 'pending').execute();
    expect(await requeueOverdueSubscriptions({ deps: t.app.deps })).toBe(1);
    await t.worker.drain();
    const mails = await waitForMail(w.admin.email, 1);
    expect(mails[0]?.subject).toBe('Ihr wöchentlicher Bericht: Fälle');
  });
});
