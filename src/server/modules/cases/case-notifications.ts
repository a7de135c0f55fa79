import type { Db } from '../../app/db.js';
import type { Locale } from '../../app/mail-templates.js';
import { queueMail } from '../../app/mail.js';
import type { AppDeps } from '../../app/types.js';
import { parsePrefs } from '../users/users.repository.js';
import { attachmentMails, caseMails } from './case-mails.js';
import type { CaseRecord } from './cases.repository.js';

interface Recipient {
  userId: string | null;
  email: string;
  name: string;
  locale: Locale;
}

/** Mails go out through the outbox, in the transaction that makes the change they tell of. */
async function send(trx: Db, deps: AppDeps, c: CaseRecord, mail: { to: string; subject: string; text: string; html?: string | null }) {
  await queueMail(trx, { mail, accountId: c.accountId, deliver: deps.mailer.delivers });
}

/** The contact and the CCs who want case mails, without the person who caused the change. */
async function customerRecipients(trx: Db, c: CaseRecord, exceptUserId: string | null, kind: 'caseUpdates' | 'caseStatus' = 'caseUpdates'): Promise<Recipient[]> {
  const ids = [...new Set([c.contactUserId, ...c.ccUserIds])].filter((id) => id !== exceptUserId);
  if (!ids.length) return [];
  const users = await trx
    .selectFrom('users as u')
    .innerJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'u.id').on('m.account_id', '=', c.accountId))
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['u.id', 'u.email', 'u.name', 'u.locale', 'a.locale as account_locale', 'u.notification_prefs'])
    .where('u.id', 'in', ids)
    .where('u.status', '=', 'active')
    .where('m.status', '=', 'active')
    .execute();
  return users
    .filter((u) => parsePrefs(u.notification_prefs)[kind])
    .map((u) => ({ userId: u.id, email: u.email, name: u.name, locale: (u.locale ?? (u.account_locale === 'en' ? 'en' : 'de')) as Locale }));
}

/** The assigned agent (if they want case mails), or the team's queue address when no one is assigned. */
async function supportRecipient(trx: Db, deps: AppDeps, c: CaseRecord, exceptUserId: string | null): Promise<Recipient | null> {
  if (c.assignedUserId) {
    if (c.assignedUserId === exceptUserId) return null;
    const agent = await trx.selectFrom('users').select(['id', 'email', 'name', 'locale', 'notification_prefs', 'status']).where('id', '=', c.assignedUserId).executeTakeFirst();
    if (agent && agent.status === 'active') {
      return parsePrefs(agent.notification_prefs).caseUpdates ? { userId: agent.id, email: agent.email, name: agent.name, locale: agent.locale ?? 'de' } : null;
    }
  }
  const queue = c.type === 'customer_service' ? deps.config.customerServiceEmail : deps.config.supportEmail;
  return { userId: null, email: queue, name: c.type === 'customer_service' ? 'Kundendienst' : 'Support', locale: 'de' };
}

const customerUrl = (deps: AppDeps, c: CaseRecord) => `${deps.config.publicUrl}/cases/${c.id}`;
const consoleUrl = (deps: AppDeps, c: CaseRecord) => `${deps.config.publicUrl}/console/cases/${c.id}`;
const ref = (r: Recipient, c: CaseRecord, url: string) => ({ to: r.email, name: r.name, number: c.number, subject: c.subject, url });

export const notify = {
  async opened(trx: Db, deps: AppDeps, c: CaseRecord, openedBy: string) {
    const r = await supportRecipient(trx, deps, c, null);
    if (r) {
      await send(trx, deps, c, caseMails.opened(r.locale, { ...ref(r, c, consoleUrl(deps, c)), accountName: c.accountName, type: c.type, severity: c.severity, openedBy, description: c.description }));
    }
  },

  /** "Wenn Sie einem Fall einen Kommentar hinzufügen, erfolgt eine automatische Benachrichtigung an den Support." */
  async customerCommented(trx: Db, deps: AppDeps, c: CaseRecord, author: { userId: string; name: string }, body: string) {
    const support = await supportRecipient(trx, deps, c, author.userId);
    if (support) await send(trx, deps, c, caseMails.commented(support.locale, { ...ref(support, c, consoleUrl(deps, c)), author: author.name, fromSupport: false, body }));
    for (const r of await customerRecipients(trx, c, author.userId)) {
      await send(trx, deps, c, caseMails.commented(r.locale, { ...ref(r, c, customerUrl(deps, c)), author: author.name, fromSupport: false, body }));
    }
  },

  async supportReplied(trx: Db, deps: AppDeps, c: CaseRecord, author: { userId: string; name: string }, body: string) {
    for (const r of await customerRecipients(trx, c, author.userId)) {
      await send(trx, deps, c, caseMails.commented(r.locale, { ...ref(r, c, customerUrl(deps, c)), author: author.name, fromSupport: true, body }));
    }
  },

  async statusChanged(trx: Db, deps: AppDeps, c: CaseRecord, by: { userId: string; name: string }) {
    for (const r of await customerRecipients(trx, c, by.userId, 'caseStatus')) {
      await send(trx, deps, c, caseMails.statusChanged(r.locale, { ...ref(r, c, customerUrl(deps, c)), status: c.status, by: by.name }));
    }
  },

  async reopened(trx: Db, deps: AppDeps, c: CaseRecord, by: { userId: string; name: string }) {
    const support = await supportRecipient(trx, deps, c, by.userId);
    if (support) await send(trx, deps, c, caseMails.reopened(support.locale, { ...ref(support, c, consoleUrl(deps, c)), by: by.name }));
  },

  /**
   * A file became available on the case: a customer's file goes to support (as a comment does),
   * a public file from support to the contact and CCs. Internal files tell no one.
   */
  async attachmentAdded(trx: Db, deps: AppDeps, c: CaseRecord, by: { userId: string | null; name: string; kind: 'customer' | 'staff' }, file: { fileName: string; size: number; sha256: string; visibility: 'public' | 'internal' }) {
    if (file.visibility === 'internal') return;
    const p = { by: by.name, fileName: file.fileName, size: file.size, sha256: file.sha256 };
    if (by.kind === 'customer') {
      const support = await supportRecipient(trx, deps, c, by.userId);
      if (support) await send(trx, deps, c, attachmentMails.added(support.locale, { ...ref(support, c, consoleUrl(deps, c)), ...p }));
      return;
    }
    for (const r of await customerRecipients(trx, c, by.userId)) {
      await send(trx, deps, c, attachmentMails.added(r.locale, { ...ref(r, c, customerUrl(deps, c)), ...p }));
    }
  },

  /** To whoever uploaded a file the virus scan quarantined (a customer in the case page's address, staff in the console's). */
  async attachmentQuarantined(trx: Db, deps: AppDeps, c: CaseRecord, uploaderUserId: string, file: { fileName: string; signature: string }) {
    const u = await trx.selectFrom('users').select(['id', 'email', 'name', 'locale', 'kind', 'status']).where('id', '=', uploaderUserId).executeTakeFirst();
    if (u?.status !== 'active') return;
    const r = { userId: u.id, email: u.email, name: u.name, locale: (u.locale ?? 'de') as Locale };
    await send(trx, deps, c, attachmentMails.quarantined(r.locale, { ...ref(r, c, u.kind === 'staff' ? consoleUrl(deps, c) : customerUrl(deps, c)), ...file }));
  },

  async assigned(trx: Db, deps: AppDeps, c: CaseRecord, by: { userId: string; name: string }) {
    if (!c.assignedUserId || c.assignedUserId === by.userId) return;
    const r = await supportRecipient(trx, deps, c, by.userId);
    if (r?.userId) await send(trx, deps, c, caseMails.assigned(r.locale, { ...ref(r, c, consoleUrl(deps, c)), by: by.name }));
  },
};
