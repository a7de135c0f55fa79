import nodemailer from 'nodemailer';
import type { Db } from './db.js';
import { nowIso } from './db.js';
import { newId } from './ids.js';
import { enqueueJob } from './jobs.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Files sent with the mail (a scheduled report); kept with the mail in the outbox until sent. */
  attachments?: MailAttachment[];
}

/** Delivers one message; `null` transport means "no SMTP configured: keep mails in the outbox". */
export interface Mailer {
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer({ smtpUrl, from }: { smtpUrl: string | null; from: string }): Mailer {
  if (!smtpUrl) {
    return {
      delivers: false,
      async send() {
        throw new Error('No SMTP_URL configured');
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail({
        from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * Puts a mail into the outbox inside the caller's transaction. With SMTP configured a job delivers
 * it; without, it is `held` and staff read it in the console's Postausgang.
 */
export async function queueMail(
  db: Db,
  { mail, accountId = null, deliver }: { mail: OutgoingMail; accountId?: string | null; deliver: boolean },
): Promise<{ mailId: string }> {
  const id = newId('mail');
  await db
    .insertInto('mails')
    .values({
      id,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      status: deliver ? 'queued' : 'held',
      account_id: accountId,
      last_error: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .execute();
  for (const [position, a] of (mail.attachments ?? []).entries()) {
    await db
      .insertInto('mail_attachments')
      .values({ id: newId('mat'), mail_id: id, position, filename: a.filename, content_type: a.contentType, content_base64: a.content.toString('base64'), size: a.content.length })
      .execute();
  }
  if (deliver) await enqueueJob(db, { kind: 'mail.send', payload: { mailId: id } });
  return { mailId: id };
}
