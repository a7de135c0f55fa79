import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import type { AppDeps } from '../../app/types.js';
import { billingRecipients, invoiceMails, invoicePageUrl } from './invoice-mails.js';
import { queueMail } from '../../app/mail.js';
import { createInvoicesRepository } from './invoices.repository.js';
import { issueInvoice } from './invoices.usecases.js';
import { addDays, daysBetween, todayIso } from './money.js';

/** A stage's rank: any "before due" stage ranks below every overdue stage; overdue stages by their days. */
const rankOf = (stage: string) => (stage.startsWith('overdue_') ? Number(stage.slice(8)) : -1);

/**
 * The reminder stage an open invoice has reached today, if any: `before_N` from N days before its
 * due date (only when it was issued before that day, so it does not follow the invoice mail at
 * once), `overdue_D` from D days after. Only the highest stage reached counts: an invoice first
 * seen 20 days overdue gets one reminder, not one per stage it skipped.
 */
export function reminderStage(inv: { issueDate: string | null; dueDate: string }, today: string, cfg: { daysBefore: number; overdueDays: number[] }): string | null {
  const overdueBy = daysBetween(inv.dueDate, today);
  const reached = cfg.overdueDays.filter((d) => d > 0 && overdueBy >= d);
  if (reached.length) return `overdue_${Math.max(...reached)}`;
  if (cfg.daysBefore > 0 && overdueBy <= 0 && -overdueBy <= cfg.daysBefore && inv.issueDate && inv.issueDate < addDays(inv.dueDate, -cfg.daysBefore)) {
    return `before_${cfg.daysBefore}`;
  }
  return null;
}

/** Mails each open invoice's billing contact once per reminder stage; returns how many invoices were reminded. */
export async function sendInvoiceReminders({ deps, today = todayIso() }: { deps: AppDeps; today?: string }): Promise<number> {
  const cfg = deps.config.invoiceReminders;
  const horizon = addDays(today, cfg.daysBefore);
  const candidates = await deps.db
    .selectFrom('invoices')
    .select(['id', 'issue_date', 'due_date'])
    .where('status', '=', 'open')
    .where('due_date', '<=', horizon)
    .orderBy('due_date')
    .execute();
  let reminded = 0;
  for (const c of candidates) {
    const stage = reminderStage({ issueDate: c.issue_date, dueDate: c.due_date }, today, cfg);
    if (!stage) continue;
    const sent = await deps.db.selectFrom('invoice_reminders').select('stage').where('invoice_id', '=', c.id).execute();
    if (sent.some((s) => rankOf(s.stage) >= rankOf(stage))) continue;
    const didSend = await deps.db.transaction().execute(async (trx: Db) => {
      const inv = await createInvoicesRepository({ db: trx }).findRow(c.id);
      if (inv?.status !== 'open' || inv.total - inv.amountPaid <= 0) return false;
      const recipients = await billingRecipients(trx, inv.accountId);
      // The stage row first: a second worker running the same scan loses here and sends nothing.
      const claimed = await trx
        .insertInto('invoice_reminders')
        .values({ invoice_id: inv.id, stage, sent_at: nowIso(), mail_to: recipients.map((r) => r.email).join(', ') })
        .onConflict((oc) => oc.columns(['invoice_id', 'stage']).doNothing())
        .returning('stage')
        .executeTakeFirst();
      if (!claimed) return false;
      const daysOverdue = Math.max(0, daysBetween(inv.dueDate, today));
      for (const to of recipients) {
        await queueMail(trx, { mail: invoiceMails.reminder({ to, inv, daysOverdue, pageUrl: invoicePageUrl(deps, inv.id) }), accountId: inv.accountId, deliver: deps.mailer.delivers });
      }
      return true;
    });
    if (didSend) reminded++;
  }
  return reminded;
}

/** Issues the scheduled invoices whose day has come (each with its mail, like staff issuing it). */
export async function issueScheduledInvoices({ deps, today = todayIso(), log }: { deps: AppDeps; today?: string; log?: FastifyBaseLogger }): Promise<number> {
  const due = await deps.db.selectFrom('invoices').select('id').where('status', '=', 'draft').where('scheduled', '=', true).where('issue_date', '<=', today).execute();
  let issued = 0;
  for (const { id } of due) {
    try {
      await issueInvoice({ deps, staff: null, invoiceId: id, today });
      issued++;
    } catch (err) {
      // Another worker issued it first (412/409), or it has no total: staff see it still as a draft.
      log?.warn({ err, invoiceId: id }, 'scheduled invoice not issued');
    }
  }
  return issued;
}

/**
 * The invoices' periodic work, run by the job worker's housekeeping (every ten minutes, see
 * app/runtime.ts): issue scheduled invoices, then mail reminders. Safe to run on several workers
 * at once: issuing is a conditional update, each reminder stage a unique row.
 */
export async function runInvoiceDuties({ deps, today = todayIso(), log }: { deps: AppDeps; today?: string; log?: FastifyBaseLogger }) {
  const issued = await issueScheduledInvoices({ deps, today, log });
  const reminded = await sendInvoiceReminders({ deps, today });
  if (issued || reminded) log?.info({ issued, reminded }, 'invoice duties');
  return { issued, reminded };
}
