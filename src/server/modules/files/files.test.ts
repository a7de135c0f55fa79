import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../app/db.js';
import { createTestDatabase } from '../../test-support/test-db.js';
import { detectContentType } from './content-type.js';
import { DbLocker } from './db-locker.js';
import { cleanFileName, contentDisposition, parseRange } from './files.usecases.js';

describe('detectContentType', () => {
  it('knows a file by its first bytes, not its name', () => {
    expect(detectContentType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(detectContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectContentType(Buffer.from('1f8b0800', 'hex'))).toBe('application/gzip');
    expect(detectContentType(Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.from('....[Content_Types].xml....word/document.xml')]))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectContentType(Buffer.from('2026-11-27 ERROR Export failed: Zeitüberschreitung\n'))).toBe('text/plain');
    expect(detectContentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
    expect(detectContentType(Buffer.from('<!DOCTYPE html><html>'))).toBe('text/html');
    expect(detectContentType(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]))).toBe('application/octet-stream');
  });
});

describe('file names, ranges and Content-Disposition', () => {
  it('keeps only the last path segment of a name and refuses control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\Bericht.xlsx')).toBe('Bericht.xlsx');
    expect(() => cleanFileName('a\u0000b')).toThrow();
    expect(() => cleanFileName('../..')).toThrow();
    expect(() => cleanFileName('x'.repeat(256))).toThrow();
  });

  it('reads one byte range and ignores what it cannot serve as one', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(() => parseRange('bytes=100-', 100)).toThrow();
  });

  it('encodes names per RFC 6266 with an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'Übersicht "Q1"; 100%.pdf')).toBe(
      `attachment; filename="Ubersicht _Q1__ 100_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%22Q1%22%3B%20100%25.pdf`,
    );
  });
});

describe('DbLocker (tus locks across processes)', () => {
  let db: DatabaseHandle;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('lets one holder at a time have an upload, asks the holder to let go, and takes over a lease whose holder died', async () => {
    // Two lockers stand for two app processes.
    const a = new DbLocker(db.db, { leaseMs: 300, pollMs: 20 });
    const b = new DbLocker(db.db, { leaseMs: 300, pollMs: 20, acquireTimeoutMs: 5000 });
    const lockA = a.newLock('upl_one');
    let releaseAsked = 0;
    await lockA.lock(new AbortController().signal, () => {
      releaseAsked++;
      // The holder's request ends a little later and lets go.
      setTimeout(() => void lockA.unlock(), 50);
    });
    const started = Date.now();
    await b.newLock('upl_one').lock(new AbortController().signal, () => {});
    expect(releaseAsked).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);

    // A holder that never renews (its process was killed): the lease runs out and another takes over.
    const dead = new DbLocker(db.db, { leaseMs: 200, pollMs: 20 });
    await db.db.insertInto('upload_locks').values({ upload_id: 'upl_two', holder: `${dead.holderPrefix}:x`, expires_at: new Date(Date.now() + 200).toISOString(), release_requested: false }).execute();
    const t0 = Date.now();
    const lock = b.newLock('upl_two');
    await lock.lock(new AbortController().signal, () => {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    const row = await db.db.selectFrom('upload_locks').selectAll().where('upload_id', '=', 'upl_two').executeTakeFirstOrThrow();
    expect(row.holder.startsWith(b.holderPrefix)).toBe(true);
    await lock.unlock();
    expect(await db.db.selectFrom('upload_locks').select('upload_id').where('upload_id', '=', 'upl_two').executeTakeFirst()).toBeUndefined();
  });

  it('gives up with the lock-timeout error when the holder keeps the lock', async () => {
    const a = new DbLocker(db.db, { leaseMs: 1000, pollMs: 20 });
    const b = new DbLocker(db.db, { leaseMs: 1000, pollMs: 20, acquireTimeoutMs: 300 });
    const held = a.newLock('upl_three');
    await held.lock(new AbortController().signal, () => {});
    await expect(b.newLock('upl_three').lock(new AbortController().signal, () => {})).rejects.toMatchObject({ status_code: 500 });
    await held.unlock();
  });
});
