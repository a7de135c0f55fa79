import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createAuthRepository } from '../modules/auth/auth.repository.js';
import { createDownloadsTasks } from '../modules/downloads/downloads.tasks.js';
import { createFilesTasks, filesMaintenance } from '../modules/files/files.tasks.js';
import { runInvoiceDuties } from '../modules/invoices/invoice-duties.js';
import { createReportSubscriptionTask, requeueOverdueSubscriptions } from '../modules/reports/report-subscriptions.js';
import { createSendMailTask } from '../modules/outbox/tasks/send-mail.task.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoData } from '../db/seed-demo.js';
import type { Config } from './config.js';
import { openDatabase } from './db.js';
import { createWorker, type Worker } from './jobs.js';
import { createMailer } from './mail.js';
import { pruneRateLimitHits } from './rate-limit.js';
import { buildServer } from './server.js';
import { nowIso } from './db.js';

export interface Runtime {
  app: FastifyInstance;
  worker: Worker | null;
  seeded: boolean;
  close(): Promise<void>;
}

/** Everything `main.ts` starts, in order: database, migrations, demo data, HTTP app, job worker. */
export async function startRuntime(config: Config, { logger }: { logger?: boolean } = {}): Promise<Runtime> {
  let log: FastifyBaseLogger | null = null;
  const handle = openDatabase(config.database, {
    onPoolError: (err) => log?.warn({ err: { message: err.message } }, 'database connection lost; the pool reconnects'),
  });
  await migrateToLatest(handle.db, handle.dialect);
  const seeded = config.demo ? await seedDemoData(handle.db, handle.dialect, { files: config.files }) : false;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildServer({ config, db: handle.db, dialect: handle.dialect, mailer }, { logger: logger ?? true });
  log = app.log;

  const worker =
    config.role === 'web'
      ? null
      : createWorker({
          db: handle.db,
          dialect: handle.dialect,
          log: app.log.child({ component: 'worker' }),
          pollMs: config.workerPollMs,
          handlers: {
            'mail.send': createSendMailTask({ db: handle.db, mailer }),
            ...createFilesTasks(app.deps),
            ...createDownloadsTasks(app.deps),
            ...createReportSubscriptionTask(app.deps, app.log.child({ component: 'reports' })),
          },
          maintenance: async () => {
            const auth = createAuthRepository({ db: handle.db });
            await auth.deleteExpiredSessions(nowIso());
            const dayAgo = new Date(Date.now() - 24 * 3_600_000).toISOString();
            await auth.clearLoginFailuresOlderThan(dayAgo);
            await pruneRateLimitHits(handle.db, dayAgo);
            // Each duty on its own: one that fails (storage down, say) must not stop the others.
            const duty = (name: string, run: () => Promise<unknown>) => run().catch((err) => app.log.error({ err, duty: name }, 'housekeeping duty failed'));
            await duty('files', () => filesMaintenance(app.deps));
            // Scheduled invoices issued on their day, payment reminders once per stage (idempotent across workers).
            await duty('invoices', () => runInvoiceDuties({ deps: { config, db: handle.db, dialect: handle.dialect, mailer }, log: app.log.child({ component: 'invoices' }) }));
            // Scheduled reports run as jobs; this only re-queues one whose job was lost.
            await duty('reports', () => requeueOverdueSubscriptions({ deps: app.deps }));
          },
        });

  return {
    app,
    worker,
    seeded,
    async close() {
      await app.close();
      await worker?.stop();
      mailer.close();
      await handle.destroy();
    },
  };
}
