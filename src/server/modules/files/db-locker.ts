import os from 'node:os';
import { type Lock, type Locker, ERRORS, type RequestRelease } from '@tus/utils';
import type { Db } from '../../app/db.js';
import { toBool } from '../../app/db.js';
import { randomBase32 } from '../../app/ids.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * tus upload locks shared by every app process on one database: a row per locked upload with a
 * lease its holder renews (every third of the lease). A waiter asks the holder to let go by
 * setting `release_requested` (the holder sees it at its next renewal and cancels its request, as
 * @tus/server's MemoryLocker does in one process), and takes the row over once it is free or its
 * lease ran out — so a process killed while holding a lock blocks the upload for one lease at most.
 */
export class DbLocker implements Locker {
  readonly holderPrefix = `${os.hostname()}:${process.pid}:${randomBase32(40)}`;
  constructor(
    readonly db: Db,
    readonly options: { leaseMs: number; acquireTimeoutMs?: number; pollMs?: number },
  ) {}

  newLock(id: string): Lock {
    return new DbLock(this, id);
  }
}

class DbLock implements Lock {
  private holder: string;
  private timer: NodeJS.Timeout | null = null;
  private releaseAsked = false;

  constructor(
    private readonly locker: DbLocker,
    private readonly id: string,
  ) {
    this.holder = `${locker.holderPrefix}:${randomBase32(40)}`;
  }

  private async tryAcquire(): Promise<boolean> {
    const { db, options } = this.locker;
    const now = new Date();
    const expires = new Date(now.getTime() + options.leaseMs).toISOString();
    const res = await db
      .insertInto('upload_locks')
      .values({ upload_id: this.id, holder: this.holder, expires_at: expires, release_requested: false })
      .onConflict((oc) =>
        oc
          .column('upload_id')
          .doUpdateSet({ holder: this.holder, expires_at: expires, release_requested: false })
          .where('upload_locks.expires_at', '<', now.toISOString()),
      )
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { db, options } = this.locker;
    const deadline = Date.now() + (options.acquireTimeoutMs ?? 30_000);
    let asked = false;
    while (!(await this.tryAcquire())) {
      if (signal.aborted) throw ERRORS.ABORTED;
      if (Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (!asked) {
        await db.updateTable('upload_locks').set({ release_requested: true }).where('upload_id', '=', this.id).execute();
        asked = true;
      }
      await sleep(options.pollMs ?? 50);
    }
    this.startRenewing(requestRelease);
  }

  private startRenewing(requestRelease: RequestRelease) {
    const { db, options } = this.locker;
    const renew = async () => {
      const expires = new Date(Date.now() + options.leaseMs).toISOString();
      const row = await db
        .updateTable('upload_locks')
        .set({ expires_at: expires })
        .where('upload_id', '=', this.id)
        .where('holder', '=', this.holder)
        .returning(['release_requested'])
        .executeTakeFirst();
      // Lost (another process took it over after our lease ran out) or asked for: let go.
      if ((!row || toBool(row.release_requested)) && !this.releaseAsked) {
        this.releaseAsked = true;
        await requestRelease();
      }
    };
    const tick = () => {
      this.timer = setTimeout(() => {
        renew()
          .catch(() => {})
          .finally(() => {
            if (this.timer) tick();
          });
      }, Math.max(50, Math.floor(options.leaseMs / 3)));
      this.timer.unref();
    };
    tick();
  }

  async unlock(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.locker.db.deleteFrom('upload_locks').where('upload_id', '=', this.id).where('holder', '=', this.holder).execute();
  }
}

/** Drops leases that ran out long ago (their holders died); live ones are never touched. */
export async function pruneUploadLocks(db: Db, olderThanIso: string): Promise<void> {
  await db.deleteFrom('upload_locks').where('expires_at', '<', olderThanIso).execute();
}
