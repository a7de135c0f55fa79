import type { Db } from './db.js';
import { nowIso } from './db.js';
import { newId } from './ids.js';

export interface AuditInput {
  accountId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Appends an audit event. Pass the transaction that makes the change, so the event and the change
 * land together or not at all. Never put secrets (passwords, tokens) into `data`.
 */
export async function recordAuditEvent(db: Db, e: AuditInput): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId('aud'),
      account_id: e.accountId,
      actor_user_id: e.actorUserId,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      data: JSON.stringify(e.data ?? {}),
      ip: e.ip ?? null,
      at: nowIso(),
    })
    .execute();
}
