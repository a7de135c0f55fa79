import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/test-db.js';
import { type Drill, killDrill, prepareDrill, twoProcessDrill } from '../../../test-support/upload-reliability.js';

/**
 * Issue #6's reliability drills against real server processes: kill -9 three times during an
 * upload (200 MiB here; `npx tsx scripts/upload-reliability.ts 1024` for the 1 GiB drill), and
 * two processes sharing one database and storage directory. On PostgreSQL (DATABASE_URL) the
 * processes use this file's own cloned database.
 */
const MiB = 1024 * 1024;
const drills: Drill[] = [];
const databases: { destroy(): Promise<void> }[] = [];

async function drill(sizeBytes: number) {
  let databaseUrl: string | null = null;
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    databases.push(db);
    databaseUrl = db.url;
  }
  const d = await prepareDrill({ sizeBytes, databaseUrl });
  drills.push(d);
  return d;
}

afterAll(async () => {
  for (const d of drills) await d.cleanup();
  for (const db of databases) await db.destroy();
});

describe('upload reliability', () => {
  it('survives kill -9 of the server three times during an upload: resumed, one attachment, SHA-256 intact', async () => {
    const d = await drill(200 * MiB);
    const r = await killDrill(d, { kills: 3 });
    expect(r.attachments).toBe(1);
    expect(r.reportedSha256).toBe(d.sha256);
    expect(r.storedSha256).toBe(d.sha256);
    expect(r.downloadedSha256).toBe(d.sha256);
  }, 240_000);

  it('resumes through a second app process an upload started through the first (one database, one storage directory)', async () => {
    const d = await drill(64 * MiB);
    const r = await twoProcessDrill(d);
    expect(r.offsetSeenByB).toBeGreaterThan(0);
    expect(r.attachments).toBe(1);
    expect(r.reportedSha256).toBe(d.sha256);
    expect(r.downloadedSha256).toBe(d.sha256);
  }, 180_000);
});
