import os from 'node:os';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Dialect } from './db.js';
import { nowIso, parseJson } from './db.js';
import { newId, randomBase32 } from './ids.js';

export type JobHandler = (payload: Record<string, unknown>, job: { id: string; attempts: number; final: boolean }) => Promise<void>;

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** Adds a job to the outbox, inside the caller's transaction so it exists only if the change does. */
export async function enqueueJob(
  db: Db,
  { kind, payload, runAt, maxAttempts = 8 }: { kind: string; payload: Record<string, unknown>; runAt?: string; maxAttempts?: number },
): Promise<{ jobId: string }> {
  const now = nowIso();
  const id = newId('job');
  await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      payload: JSON.stringify(payload),
      status: 'pending',
      run_at: runAt ?? now,
      attempts: 0,
      max_attempts: maxAttempts,
      locked_until: null,
      locked_by: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { jobId: id };
}

/** Exponential backoff with jitter: ~10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  const base = Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Claims the next due job (or one whose lease ran out) for this worker. On PostgreSQL the row is
 * picked with FOR UPDATE SKIP LOCKED so concurrent workers never take the same job; SQLite
 * serialises writers, so the same single UPDATE is atomic there.
 */
export async function claimJob(db: Db, dialect: Dialect, workerId: string, leaseMs: number): Promise<ClaimedJob | null> {
  const now = nowIso();
  const lockedUntil = new Date(Date.now() + leaseMs).toISOString();
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
    update jobs set status = 'running', attempts = attempts + 1, locked_until = ${lockedUntil},
      locked_by = ${workerId}, updated_at = ${now}
    where id = (
      select id from jobs
      where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
      order by run_at, id
      limit 1 ${lock}
    )
    returning id, kind, payload, attempts, max_attempts`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return { id: row.id, kind: row.kind, payload: parseJson(row.payload), attempts: Number(row.attempts), maxAttempts: Number(row.max_attempts) };
}

export async function completeJob(db: Db, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, last_error: null, updated_at: nowIso() })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function failJob(db: Db, job: ClaimedJob, workerId: string, error: unknown): Promise<'retry' | 'dead'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const dead = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'pending',
      run_at: dead ? nowIso() : new Date(Date.now() + backoffMs(job.attempts)).toISOString(),
      locked_until: null,
      last_error: message,
      updated_at: nowIso(),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
  return dead ? 'dead' : 'retry';
}

export interface Worker {
  /** Runs due jobs until none is left; returns how many ran. Used by tests and by the loop. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** The in-process job worker: polls, claims with a lease, runs the handler, retries with backoff. */
export function createWorker({
  db,
  dialect,
  handlers,
  log,
  pollMs = 1000,
  leaseMs = 5 * 60_000,
  maintenance,
}: {
  db: Db;
  dialect: Dialect;
  handlers: Record<string, JobHandler>;
  log: FastifyBaseLogger;
  pollMs?: number;
  leaseMs?: number;
  /** Housekeeping run every ten minutes (expired sessions, old login failures). */
  maintenance?: () => Promise<void>;
}): Worker {
  const workerId = `${os.hostname()}:${process.pid}:${randomBase32(40)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let lastMaintenance = 0;

  async function runOne(): Promise<boolean> {
    const job = await claimJob(db, dialect, workerId, leaseMs);
    if (!job) return false;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(job.payload, { id: job.id, attempts: job.attempts, final: job.attempts >= job.maxAttempts });
      await completeJob(db, job.id, workerId);
    } catch (err) {
      const outcome = await failJob(db, job, workerId, err);
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, outcome, err }, 'job failed');
    }
    return true;
  }

  async function drain(): Promise<number> {
    let n = 0;
    while (await runOne()) n++;
    return n;
  }

  async function tick() {
    try {
      await drain();
      if (maintenance && Date.now() - lastMaintenance > 10 * 60_000) {
        lastMaintenance = Date.now();
        await maintenance();
      }
    } catch (err) {
      log.error({ err }, 'worker tick failed');
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, pollMs);
    timer.unref();
  }

  return {
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

