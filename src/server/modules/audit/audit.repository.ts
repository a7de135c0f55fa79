import type { Db } from '../../app/db.js';
import { parseJson } from '../../app/db.js';
import { decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';

export interface AuditEventView {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

export interface ActivityFilter {
  /** The actor scope: null for the whole account, a user id for "my own activity". */
  actorUserId: string | null;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function createAuditRepository({ db }: { db: Db }) {
  return {
    /** One account's events, newest first, keyset-paginated. The account id is the tenant scope. */
    async listAccountEvents({ accountId, filter = { actorUserId: null }, limit, cursor }: { accountId: string; filter?: ActivityFilter; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let query = db
        .selectFrom('audit_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .select(['e.id', 'e.at', 'e.action', 'e.target_type', 'e.target_id', 'e.ip', 'e.data', 'u.id as actor_id', 'u.name as actor_name', 'u.email as actor_email'])
        .where('e.account_id', '=', accountId)
        .$if(filter.actorUserId !== null, (q) => q.where('e.actor_user_id', '=', filter.actorUserId))
        .$if(!!filter.userId, (q) => q.where((eb) => eb.or([eb('e.actor_user_id', '=', filter.userId!), eb.and([eb('e.target_type', '=', 'user'), eb('e.target_id', '=', filter.userId!)])])))
        .$if(!!filter.action, (q) => (filter.action!.endsWith('.') ? q.where('e.action', 'like', `${filter.action}%`) : q.where('e.action', '=', filter.action!)))
        .$if(!!filter.from, (q) => q.where('e.at', '>=', filter.from!))
        .$if(!!filter.to, (q) => q.where('e.at', '<', filter.to!))
        .orderBy('e.at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(limit + 1);
      if (after) {
        query = query.where(olderThan('e.at', 'e.id', after));
      }
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const items: AuditEventView[] = page.map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
        targetType: r.target_type,
        targetId: r.target_id,
        ip: r.ip,
        data: parseJson(r.data),
      }));
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
    },
  };
}
