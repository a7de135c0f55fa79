import type { Db } from '../../app/db.js';
import { footer, hello, type Locale, render } from '../../app/mail-templates.js';
import { queueMail } from '../../app/mail.js';
import type { AppDeps } from '../../app/types.js';
import { formatDate, formatMoney } from './money.js';
import type { InvoiceRow } from './invoices.repository.js';

export interface BillingRecipient {
  email: string;
  name: string;
}

/**
 * Who gets invoice mail: the account's billing contact when one is set (Kontodaten); otherwise
 * every active admin and billing user. A member without the billing flag never gets invoice mail.
 */
export async function billingRecipients(db: Db, accountId: string): Promise<BillingRecipient[]> {
  const account = await db.selectFrom('accounts').select(['billing_contact_name', 'billing_contact_email']).where('id', '=', accountId).executeTakeFirst();
  if (account?.billing_contact_email) return [{ email: account.billing_contact_email, name: account.billing_contact_name ?? '' }];
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'u.name'])
    .where('m.account_id', '=', accountId)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .where((eb) => eb.or([eb('m.role', '=', 'admin'), eb('m.billing', '=', true)]))
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ email: r.email, name: r.name }));
}

const greeting = (lang: Locale, name: string) => (name ? hello(lang, name) : lang === 'de' ? 'Guten Tag,' : 'Hello,');

type Inv = Pick<InvoiceRow, 'id' | 'number' | 'currency' | 'total' | 'amountPaid' | 'dueDate' | 'language' | 'accountName'>;

export const invoiceMails = {
  issued(p: { to: BillingRecipient; inv: Inv; pageUrl: string; pdfUrl: string; vendor: string }) {
    const { inv } = p;
    const lang = inv.language;
    const total = formatMoney(inv.total, inv.currency, lang);
    const due = formatDate(inv.dueDate, lang);
    return render(p.to.email, lang === 'de'
      ? {
          subject: `Neue Rechnung ${inv.number} über ${total}`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            `${p.vendor} hat Ihnen die Rechnung ${inv.number} über ${total} für ${inv.accountName} gestellt, fällig am ${due}.`,
            `Sie können die Rechnung im Kundenportal ansehen, drucken und bezahlen. Die PDF-Datei: ${p.pdfUrl}`,
          ],
          action: { label: 'Rechnung ansehen', url: p.pageUrl },
          footer: footer.de,
        }
      : {
          subject: `New invoice ${inv.number} for ${total}`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            `${p.vendor} has issued invoice ${inv.number} for ${total} to ${inv.accountName}, due on ${due}.`,
            `You can view, print and pay it in the customer portal. The PDF: ${p.pdfUrl}`,
          ],
          action: { label: 'View the invoice', url: p.pageUrl },
          footer: footer.en,
        });
  },

  receipt(p: { to: BillingRecipient; inv: Inv; amount: number; via: 'stripe' | 'bank_transfer'; pageUrl: string }) {
    const { inv } = p;
    const lang = inv.language;
    const paid = formatMoney(p.amount, inv.currency, lang);
    const balance = inv.total - inv.amountPaid;
    const rest = formatMoney(balance, inv.currency, lang);
    return render(p.to.email, lang === 'de'
      ? {
          subject: `Zahlungseingang für Rechnung ${inv.number}: ${paid}`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            `vielen Dank: Wir haben ${paid} per ${p.via === 'stripe' ? 'Kartenzahlung' : 'Überweisung'} für die Rechnung ${inv.number} erhalten.`,
            balance > 0 ? `Offen ist noch ${rest}, fällig am ${formatDate(inv.dueDate, lang)}.` : 'Die Rechnung ist damit vollständig bezahlt.',
          ],
          action: { label: 'Rechnung ansehen', url: p.pageUrl },
          footer: footer.de,
        }
      : {
          subject: `Payment received for invoice ${inv.number}: ${paid}`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            `Thank you: we received ${paid} by ${p.via === 'stripe' ? 'card' : 'bank transfer'} for invoice ${inv.number}.`,
            balance > 0 ? `${rest} is still open, due on ${formatDate(inv.dueDate, lang)}.` : 'The invoice is now paid in full.',
          ],
          action: { label: 'View the invoice', url: p.pageUrl },
          footer: footer.en,
        });
  },

  reminder(p: { to: BillingRecipient; inv: Inv; daysOverdue: number; pageUrl: string }) {
    const { inv } = p;
    const lang = inv.language;
    const balance = formatMoney(inv.total - inv.amountPaid, inv.currency, lang);
    const due = formatDate(inv.dueDate, lang);
    const overdue = p.daysOverdue > 0;
    return render(p.to.email, lang === 'de'
      ? {
          subject: overdue ? `Zahlungserinnerung: Rechnung ${inv.number} ist überfällig` : `Rechnung ${inv.number} wird am ${due} fällig`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            overdue
              ? `die Rechnung ${inv.number} war am ${due} fällig; offen sind noch ${balance}. Sollten Sie bereits bezahlt haben, betrachten Sie diese E-Mail bitte als gegenstandslos.`
              : `zur Erinnerung: Die Rechnung ${inv.number} über offen ${balance} wird am ${due} fällig.`,
            'Sie können die Rechnung im Kundenportal ansehen und bezahlen.',
          ],
          action: { label: 'Rechnung bezahlen', url: p.pageUrl },
          footer: footer.de,
        }
      : {
          subject: overdue ? `Payment reminder: invoice ${inv.number} is overdue` : `Invoice ${inv.number} is due on ${due}`,
          greeting: greeting(lang, p.to.name),
          paragraphs: [
            overdue
              ? `Invoice ${inv.number} was due on ${due}; ${balance} is still open. If you have already paid, please disregard this email.`
              : `A reminder: invoice ${inv.number} with ${balance} open is due on ${due}.`,
            'You can view and pay the invoice in the customer portal.',
          ],
          action: { label: 'Pay the invoice', url: p.pageUrl },
          footer: footer.en,
        });
  },
};

export const invoicePageUrl = (deps: Pick<AppDeps, 'config'>, invoiceId: string) => `${deps.config.publicUrl}/invoices/${invoiceId}`;
export const invoicePdfUrl = (deps: Pick<AppDeps, 'config'>, invoiceId: string) => `${deps.config.publicUrl}/api/v1/invoices/${invoiceId}/pdf`;

/** Queues one mail per billing recipient, in the caller's transaction. */
export async function mailBilling(trx: Db, deps: AppDeps, accountId: string, make: (to: BillingRecipient) => ReturnType<typeof render>) {
  const recipients = await billingRecipients(trx, accountId);
  for (const to of recipients) await queueMail(trx, { mail: make(to), accountId, deliver: deps.mailer.delivers });
  return recipients;
}
