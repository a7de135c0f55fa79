import nodemailer from 'nodemailer';
import type { Db } from './db.js';
import { nowIso } from './db.js';
import { newId } from './ids.js';
import { enqueueJob } from './jobs.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
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
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
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
  if (deliver) await enqueueJob(db, { kind: 'mail.send', payload: { mailId: id } });
  return { mailId: id };
}
