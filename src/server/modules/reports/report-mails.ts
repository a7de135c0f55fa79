import { dateTime, footer, hello, type Locale, render } from '../../app/mail-templates.js';
import type { MailAttachment, OutgoingMail } from '../../app/mail.js';
import type { ReportId } from './reports.schemas.js';

/** The reports' names as the portal shows them (the seed's terms in German). */
export const REPORT_TITLES: Record<ReportId, Record<Locale, string>> = {
  'key-inventory': { de: 'Schlüsselbestand', en: 'Key inventory' },
  maintenance: { de: 'Wartung und Verlängerung', en: 'Maintenance and renewal' },
  activations: { de: 'Aktivierungen und Versionen', en: 'Activations and versions' },
  cases: { de: 'Fälle', en: 'Cases' },
  invoices: { de: 'Rechnungen', en: 'Invoices' },
};

const FILTER_NAMES: Record<string, Record<Locale, string>> = {
  from: { de: 'von', en: 'from' },
  to: { de: 'bis', en: 'to' },
  product: { de: 'Produkt', en: 'product' },
  keyGroup: { de: 'Schlüsselgruppe', en: 'key group' },
  status: { de: 'Status', en: 'status' },
  within: { de: 'Wartungsende in Tagen', en: 'maintenance ends within days' },
  staleDays: { de: 'nicht gesehen seit Tagen', en: 'not seen for days' },
  type: { de: 'Art', en: 'type' },
  severity: { de: 'Schweregrad', en: 'severity' },
  currency: { de: 'Währung', en: 'currency' },
};

/** "Produkt: Analytics Desktop, Wartungsende in Tagen: 90" — the filters in words, with names for ids. */
export function describeFilters(locale: Locale, values: Record<string, string | number>, names: Record<string, string> = {}): string {
  const parts = Object.entries(values).map(([k, v]) => `${FILTER_NAMES[k]?.[locale] ?? k}: ${names[`${k}:${v}`] ?? v}`);
  return parts.length ? parts.join(', ') : locale === 'de' ? 'keine Filter' : 'no filters';
}

export const reportMails = {
  /** The scheduled report: the export attached, or (too large for mail) only the link to it. */
  scheduled(locale: Locale, p: {
    to: string; name: string; reportId: ReportId; frequency: 'weekly' | 'monthly'; filters: string; at: string; url: string; attachment: MailAttachment | null;
  }): OutgoingMail {
    const title = REPORT_TITLES[p.reportId][locale];
    const mail = render(p.to, locale === 'de'
      ? {
          subject: `Ihr ${p.frequency === 'weekly' ? 'wöchentlicher' : 'monatlicher'} Bericht: ${title}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            p.attachment
              ? `im Anhang finden Sie den Bericht „${title}“ (${p.filters}), Stand ${dateTime(locale, p.at)}.`
              : `Ihr Bericht „${title}“ (${p.filters}), Stand ${dateTime(locale, p.at)}, ist zu groß für einen E-Mail-Anhang. Öffnen Sie ihn im Kundenportal und laden Sie ihn dort herunter.`,
            'Der Bericht enthält nur, was Sie im Kundenportal sehen dürfen. Unter „Berichte“ können Sie das Abonnement jederzeit beenden.',
          ],
          action: { label: 'Bericht im Kundenportal öffnen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `Your ${p.frequency} report: ${title}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            p.attachment
              ? `Attached is the report "${title}" (${p.filters}) as of ${dateTime(locale, p.at)}.`
              : `Your report "${title}" (${p.filters}) as of ${dateTime(locale, p.at)} is too large for an email attachment. Open it in the customer portal and download it there.`,
            'The report holds only what you may see in the customer portal. You can end the subscription under "Reports" at any time.',
          ],
          action: { label: 'Open the report in the customer portal', url: p.url },
          footer: footer.en,
        });
    return p.attachment ? { ...mail, attachments: [p.attachment] } : mail;
  },
};
