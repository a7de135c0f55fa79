import type { JobHandler } from '../../../app/jobs.js';
import type { Db } from '../../../app/db.js';
import type { Mailer } from '../../../app/mail.js';
import { createOutboxRepository } from '../outbox.repository.js';

/** `mail.send {mailId}`: delivers one outbox mail through SMTP; sending an already sent mail is a no-op. */
export function createSendMailTask({ db, mailer }: { db: Db; mailer: Mailer }): JobHandler {
  const outbox = createOutboxRepository({ db });
  return async (payload, job) => {
    const mailId = String(payload.mailId);
    const mail = await outbox.findMail(mailId);
    if (!mail || mail.status === 'sent') return;
    try {
      const attachments = await outbox.mailAttachments(mailId);
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(attachments.length ? { attachments } : {}) });
    } catch (err) {
      await outbox.markError(mailId, { error: err instanceof Error ? err.message : String(err), final: job.final });
      throw err;
    }
    await outbox.markSent(mailId);
  };
}
