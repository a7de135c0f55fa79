import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  status: 'queued' | 'sent' | 'held' | 'failed';
  createdAt: string;
  sentAt: string | null;
}

export interface MailDetail extends MailSummary {
  text: string;
  html: string | null;
  lastError: string | null;
}

export function createOutboxRepository({ db }: { db: Db }) {
  return {
    async listMails({ limit, cursor }: { limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let q = db
        .selectFrom('mails')
        .select(['id', 'to_address', 'subject', 'status', 'created_at', 'sent_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (after) {
        q = q.where(olderThan('created_at', 'id', after));
      }
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const items: MailSummary[] = page.map((r) => ({
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        status: r.status,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      }));
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null };
    },

    async findMail(id: string): Promise<MailDetail | null> {
      const r = await db.selectFrom('mails').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      return {
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        status: r.status,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        text: r.text_body,
        html: r.html_body,
        lastError: r.last_error,
      };
    },

    /** The files a mail carries, in order. */
    async mailAttachments(mailId: string) {
      const rows = await db.selectFrom('mail_attachments').selectAll().where('mail_id', '=', mailId).orderBy('position').execute();
      return rows.map((r) => ({ filename: r.filename, contentType: r.content_type, content: Buffer.from(r.content_base64, 'base64') }));
    },

    async markSent(id: string) {
      await db.updateTable('mails').set({ status: 'sent', sent_at: nowIso(), last_error: null }).where('id', '=', id).execute();
    },

    async markError(id: string, { error, final }: { error: string; final: boolean }) {
      await db
        .updateTable('mails')
        .set({ last_error: error.slice(0, 2000), ...(final ? { status: 'failed' as const } : {}) })
        .where('id', '=', id)
        .execute();
    },
  };
}
