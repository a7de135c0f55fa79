import type { Db } from '../../app/db.js';
import { prepared } from '../../app/prepared.js';
import { LIVE } from './live.js';
import { newId } from '../../app/ids.js';

export interface Activation {
  id: string;
  keyId: string;
  fingerprint: string;
  hostname: string | null;
  os: string | null;
  softwareVersion: string | null;
  method: 'online' | 'offline';
  status: 'active' | 'deactivated';
  activatedAt: string;
  activatedBy: { id: string; name: string } | null;
  lastSeenAt: string;
  deactivatedAt: string | null;
  deactivation: 'software' | 'offline' | 'portal_release' | 'staff' | null;
  deactivatedBy: { id: string; name: string } | null;
}

const activationBase = (db: Db) =>
    db
    .selectFrom('activations as a')
    .leftJoin('users as ua', 'ua.id', 'a.activated_by_user_id')
    .leftJoin('users as ud', 'ud.id', 'a.deactivated_by_user_id')
    .select([
      'a.id', 'a.key_id', 'a.fingerprint', 'a.hostname', 'a.os', 'a.software_version', 'a.method', 'a.status', 'a.activated_at',
      'a.last_seen_at', 'a.deactivated_at', 'a.deactivation', 'ua.id as ua_id', 'ua.name as ua_name', 'ud.id as ud_id', 'ud.name as ud_name',
    ]);

/** The machine's live activation: read on every licensing call, built once (see app/prepared.ts). */
const activeByFingerprint = prepared((db, p: { keyId: string; fingerprint: string }) =>
  activationBase(db).where('a.key_id', '=', p.keyId).where('a.fingerprint', '=', p.fingerprint).where('a.status', '=', LIVE),
);

export function createActivationsRepository({ db }: { db: Db }) {
  const base = () => activationBase(db);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toActivation = (r: Row): Activation => ({
    id: r.id,
    keyId: r.key_id,
    fingerprint: r.fingerprint,
    hostname: r.hostname,
    os: r.os,
    softwareVersion: r.software_version,
    method: r.method,
    status: r.status,
    activatedAt: r.activated_at,
    activatedBy: r.ua_id ? { id: r.ua_id, name: r.ua_name ?? '' } : null,
    lastSeenAt: r.last_seen_at,
    deactivatedAt: r.deactivated_at,
    deactivation: r.deactivation,
    deactivatedBy: r.ud_id ? { id: r.ud_id, name: r.ud_name ?? '' } : null,
  });

  return {
    /** The key's registration history, newest first (capped: a key has at most a few hundred). */
    async listForKey(keyId: string, limit = 500): Promise<Activation[]> {
      const rows = await base().where('a.key_id', '=', keyId).orderBy('a.activated_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
      return rows.map(toActivation);
    },

    async find(keyId: string, activationId: string): Promise<Activation | null> {
      const r = await base().where('a.key_id', '=', keyId).where('a.id', '=', activationId).executeTakeFirst();
      return r ? toActivation(r) : null;
    },

    async findActive(keyId: string, fingerprint: string): Promise<Activation | null> {
      const r = await activeByFingerprint.executeTakeFirst(db, { keyId, fingerprint });
      return r ? toActivation(r) : null;
    },

    async countActive(keyId: string): Promise<number> {
      const r = await db
        .selectFrom('activations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('key_id', '=', keyId)
        .where('status', '=', LIVE)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async insert(input: {
      keyId: string;
      fingerprint: string;
      hostname: string | null;
      os: string | null;
      softwareVersion: string | null;
      method: 'online' | 'offline';
      activatedByUserId: string | null;
      at: string;
    }): Promise<string> {
      const id = newId('act');
      await db
        .insertInto('activations')
        .values({
          id, key_id: input.keyId, fingerprint: input.fingerprint, hostname: input.hostname, os: input.os, software_version: input.softwareVersion,
          method: input.method, status: 'active', activated_at: input.at, activated_by_user_id: input.activatedByUserId, last_seen_at: input.at,
          deactivated_at: null, deactivation: null, deactivated_by_user_id: null,
        })
        .execute();
      return id;
    },

    async touch(id: string, { at, softwareVersion, hostname, os }: { at: string; softwareVersion: string | null; hostname?: string | null; os?: string | null }) {
      await db
        .updateTable('activations')
        .set({ last_seen_at: at, ...(softwareVersion ? { software_version: softwareVersion } : {}), ...(hostname ? { hostname } : {}), ...(os ? { os } : {}) })
        .where('id', '=', id)
        .execute();
    },

    /** Ends a live activation; false if it was no longer active (a concurrent release or deactivation won). */
    async deactivate(id: string, { at, how, byUserId }: { at: string; how: NonNullable<Activation['deactivation']>; byUserId: string | null }): Promise<boolean> {
      const r = await db
        .updateTable('activations')
        .set({ status: 'deactivated', deactivated_at: at, deactivation: how, deactivated_by_user_id: byUserId })
        .where('id', '=', id)
        .where('status', '=', LIVE)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Portal releases of this key since `since`, newest first (for the cooldown and the monthly limit). */
    async releasesSince(keyId: string, since: string): Promise<string[]> {
      const rows = await db
        .selectFrom('activations')
        .select('deactivated_at')
        .where('key_id', '=', keyId)
        .where('deactivation', '=', 'portal_release')
        .where('deactivated_at', '>=', since)
        .orderBy('deactivated_at', 'desc')
        .execute();
      return rows.map((r) => r.deactivated_at as string);
    },
  };
}
