import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Config } from '../app/config.js';
import { loadConfig } from '../app/config.js';
import type { DatabaseHandle } from '../app/db.js';
import { createWorker, type Worker } from '../app/jobs.js';
import { createMailer, type Mailer } from '../app/mail.js';
import { buildServer } from '../app/server.js';
import { createDownloadsTasks } from '../modules/downloads/downloads.tasks.js';
import { createFilesTasks } from '../modules/files/files.tasks.js';
import { createSendMailTask } from '../modules/outbox/tasks/send-mail.task.js';
import { createReportSubscriptionTask } from '../modules/reports/report-subscriptions.js';
import { createTestDatabase } from './test-db.js';

export const TEST_ORIGIN = 'http://portico.test';

export interface TestApp {
  app: FastifyInstance;
  db: DatabaseHandle['db'];
  dialect: DatabaseHandle['dialect'];
  config: Config;
  mailer: Mailer;
  worker: Worker;
  /** app.inject with the same-origin header a browser would send on our own pages. */
  request(opts: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A real app on a fresh database, configured like production except where `env` says otherwise. */
export async function createTestApp({ env = {}, database }: { env?: Record<string, string>; database?: DatabaseHandle } = {}): Promise<TestApp> {
  const handle = database ?? (await createTestDatabase());
  // Files go to a directory of this test app's own (removed on close) unless the test names one. The
  // storage root is one level down, so that its parent is private too: a test may check that
  // nothing lands beside the root while other test files write to the shared temp directory.
  const filesDir = env.FILES_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'portico-files-'));
  const base = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: TEST_ORIGIN, DEMO_DATA: 'off', ...(filesDir ? { FILES_DIR: path.join(filesDir, 'root') } : {}), ...env });
  // Tests never serve a built web app unless they point webRoot at one themselves.
  const config: Config = { ...base, webRoot: path.join(import.meta.dirname, 'no-web-app') };
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildServer({ config, db: handle.db, dialect: handle.dialect, mailer }, { logger: false });
  await app.ready();
  const worker = createWorker({
    db: handle.db,
    dialect: handle.dialect,
    log: app.log,
    handlers: { 'mail.send': createSendMailTask({ db: handle.db, mailer }), ...createFilesTasks(app.deps), ...createDownloadsTasks(app.deps), ...createReportSubscriptionTask(app.deps) },
  });
  return {
    app,
    db: handle.db,
    dialect: handle.dialect,
    config,
    mailer,
    worker,
    request({ cookie, headers, ...opts }) {
      return app.inject({
        ...opts,
        headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
      });
    },
    async close() {
      // A test that listened and used fetch leaves keep-alive connections; closing idle ones
      // alone now and then misses one, and the close would wait out its keep-alive (72 s).
      app.server.closeAllConnections();
      await app.close();
      mailer.close();
      if (!database) await handle.destroy();
      if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
