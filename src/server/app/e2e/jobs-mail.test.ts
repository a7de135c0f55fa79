import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { queueMail } from '../mail.js';
import { claimJob, createWorker, enqueueJob } from '../jobs.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
}

let smtp: SMTPServer;
let port: number;
const inbox: Received[] = [];
let refuseNext = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((m) => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe('mail through SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Portico <noreply@portico.test>' } });
  });
  afterAll(() => t.close());

  it('delivers a queued UTF-8 mail through the worker and marks it sent', async () => {
    const { mailId } = await queueMail(t.db, {
      mail: { to: 'jörg@example.test', subject: 'Grüße – Ihre Rechnung „INV-1“ über 12,50 €', text: 'Schöne Grüße\nÄÖÜß' },
      deliver: t.mailer.delivers,
    });
    expect(await t.worker.drain()).toBe(1);
    const got = inbox.find((m) => m.subject.startsWith('Grüße'));
    expect(got).toMatchObject({ to: ['jörg@example.test'], subject: 'Grüße – Ihre Rechnung „INV-1“ über 12,50 €' });
    expect(got!.text).toContain('ÄÖÜß');
    const row = await t.db.selectFrom('mails').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
  });

  it('retries a refused mail later with backoff and keeps the error', async () => {
    refuseNext = 1;
    const { mailId } = await queueMail(t.db, { mail: { to: 'retry@example.test', subject: 'Retry me', text: 'x' }, deliver: true });
    await t.worker.drain();
    const job = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail.send').where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain('mailbox busy');
    expect(Date.parse(job.run_at)).toBeGreaterThan(Date.now() + 5_000);
    const mail = await t.db.selectFrom('mails').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ status: 'queued', last_error: expect.stringContaining('mailbox busy') });

    await t.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1).toISOString() }).where('id', '=', job.id).execute();
    await t.worker.drain();
    expect(inbox.some((m) => m.subject === 'Retry me')).toBe(true);
    expect((await t.db.selectFrom('mails').select('status').where('id', '=', mailId).executeTakeFirstOrThrow()).status).toBe('sent');
  });
});

describe('the outbox without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds mails for the console instead of queueing a delivery job', async () => {
    expect(t.mailer.delivers).toBe(false);
    await queueMail(t.db, { mail: { to: 'held@example.test', subject: 'Held', text: 'body' }, deliver: t.mailer.delivers });
    const mail = await t.db.selectFrom('mails').selectAll().where('to_address', '=', 'held@example.test').executeTakeFirstOrThrow();
    expect(mail.status).toBe('held');
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
  });
});

describe('the job worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives up after max attempts and marks the job dead', async () => {
    const worker = createWorker({
      db: t.db,
      dialect: t.dialect,
      log: t.app.log,
      handlers: {
        'always.fails': async () => {
          throw new Error('nope');
        },
      },
    });
    const { jobId } = await enqueueJob(t.db, { kind: 'always.fails', payload: {}, maxAttempts: 2 });
    await worker.drain();
    await t.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1).toISOString() }).where('id', '=', jobId).execute();
    await worker.drain();
    const job = await t.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'dead', attempts: 2, last_error: 'nope' });
  });

  it('re-claims a job whose lease ran out (its worker died)', async () => {
    const { jobId } = await enqueueJob(t.db, { kind: 'lease.test', payload: { n: 1 } });
    const first = await claimJob(t.db, t.dialect, 'worker-a', 60_000);
    expect(first?.id).toBe(jobId);
    expect(await claimJob(t.db, t.dialect, 'worker-b', 60_000)).toBeNull();
    await t.db.updateTable('jobs').set({ locked_until: new Date(Date.now() - 1).toISOString() }).where('id', '=', jobId).execute();
    const second = await claimJob(t.db, t.dialect, 'worker-b', 60_000);
    expect(second).toMatchObject({ id: jobId, attempts: 2, payload: { n: 1 } });
    await t.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', jobId).execute();
  });

  it('never hands the same job to two workers claiming at once', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await enqueueJob(t.db, { kind: 'race', payload: { i } })).jobId);
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => claimJob(t.db, t.dialect, `w${i % 3}`, 60_000)));
    const claimed = claims.filter((c) => c !== null).map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(20);
  });
});
