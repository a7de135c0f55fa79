import { footer, hello, type Locale, render } from '../../app/mail-templates.js';

/** What every case mail names. */
interface CaseRef {
  to: string;
  name: string;
  number: string;
  subject: string;
  url: string;
}

const typeName = { de: { technical: 'Technischer Support', customer_service: 'Kundendienst' }, en: { technical: 'Technical Support', customer_service: 'Customer Service' } };
const statusName = {
  de: { new: 'Neu', in_progress: 'In Bearbeitung', waiting_on_customer: 'Wartet auf Ihre Antwort', solved: 'Gelöst', closed: 'Geschlossen' },
  en: { new: 'New', in_progress: 'In progress', waiting_on_customer: 'Waiting for your reply', solved: 'Solved', closed: 'Closed' },
} as const;
type Status = keyof (typeof statusName)['de'];

/** Long comments are cut in mails; the case page has the whole text. */
const excerpt = (body: string) => (body.length > 2000 ? `${body.slice(0, 2000)} …` : body);

export const caseMails = {
  /** To support: a new case in the queue (or for the assigned agent). */
  opened(locale: Locale, p: CaseRef & { accountName: string; type: 'technical' | 'customer_service'; severity: string; openedBy: string; description: string }) {
    const sev = p.severity.toUpperCase();
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] Neu (${sev}, ${typeName.de[p.type]}): ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.openedBy} (${p.accountName}) hat den Fall ${p.number} eröffnet: ${typeName.de[p.type]}, Schweregrad ${sev}.`, excerpt(p.description)],
          action: { label: 'Fall in der Konsole öffnen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] New (${sev}, ${typeName.en[p.type]}): ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.openedBy} (${p.accountName}) opened case ${p.number}: ${typeName.en[p.type]}, severity ${sev}.`, excerpt(p.description)],
          action: { label: 'Open the case in the console', url: p.url },
          footer: footer.en,
        });
  },

  /** A public comment: to support when a customer wrote it, to the contact and CCs otherwise. */
  commented(locale: Locale, p: CaseRef & { author: string; fromSupport: boolean; body: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: p.fromSupport ? `[Fall ${p.number}] Antwort des Supports: ${p.subject}` : `[Fall ${p.number}] Neuer Kommentar: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            p.fromSupport ? `${p.author} vom Support hat auf den Fall ${p.number} geantwortet:` : `${p.author} hat einen Kommentar zum Fall ${p.number} hinzugefügt:`,
            excerpt(p.body),
          ],
          action: { label: 'Fall anzeigen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: p.fromSupport ? `[Case ${p.number}] Reply from support: ${p.subject}` : `[Case ${p.number}] New comment: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [p.fromSupport ? `${p.author} from support replied to case ${p.number}:` : `${p.author} added a comment to case ${p.number}:`, excerpt(p.body)],
          action: { label: 'View the case', url: p.url },
          footer: footer.en,
        });
  },

  statusChanged(locale: Locale, p: CaseRef & { status: Status; by: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] ${statusName.de[p.status]}: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} hat den Status des Falls ${p.number} auf „${statusName.de[p.status]}“ gesetzt.`],
          action: { label: 'Fall anzeigen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] ${statusName.en[p.status]}: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} set the status of case ${p.number} to “${statusName.en[p.status]}”.`],
          action: { label: 'View the case', url: p.url },
          footer: footer.en,
        });
  },

  /** To support: a customer reopened a solved case. */
  reopened(locale: Locale, p: CaseRef & { by: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] Wieder eröffnet: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} hat den gelösten Fall ${p.number} wieder eröffnet.`],
          action: { label: 'Fall in der Konsole öffnen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] Reopened: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} reopened the solved case ${p.number}.`],
          action: { label: 'Open the case in the console', url: p.url },
          footer: footer.en,
        });
  },

  /** To a staff member: a case was assigned to them. */
  assigned(locale: Locale, p: CaseRef & { by: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] Ihnen zugewiesen: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} hat Ihnen den Fall ${p.number} zugewiesen.`],
          action: { label: 'Fall in der Konsole öffnen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] Assigned to you: ${p.subject}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} assigned case ${p.number} to you.`],
          action: { label: 'Open the case in the console', url: p.url },
          footer: footer.en,
        });
  },
};

const fmtSize = (locale: Locale, bytes: number) => {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
};

export const attachmentMails = {
  /** A file was added to a case (to support for a customer's file, to the contact and CCs for support's). */
  added(locale: Locale, p: CaseRef & { by: string; fileName: string; size: number; sha256: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] Neue Datei: ${p.fileName}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} hat die Datei „${p.fileName}“ (${fmtSize(locale, p.size)}) zum Fall ${p.number} hinzugefügt.`, `SHA-256: ${p.sha256}`],
          action: { label: 'Fall anzeigen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] New file: ${p.fileName}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.by} added the file “${p.fileName}” (${fmtSize(locale, p.size)}) to case ${p.number}.`, `SHA-256: ${p.sha256}`],
          action: { label: 'View the case', url: p.url },
          footer: footer.en,
        });
  },

  /** To the uploader: the virus scan found something; the file is quarantined and cannot be downloaded. */
  quarantined(locale: Locale, p: CaseRef & { fileName: string; signature: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `[Fall ${p.number}] Datei in Quarantäne: ${p.fileName}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `In der Datei „${p.fileName}“, die Sie zum Fall ${p.number} hochgeladen haben, hat die Virenprüfung Schadsoftware gefunden (${p.signature}).`,
            'Die Datei wurde in Quarantäne verschoben und kann nicht heruntergeladen werden. Bitte prüfen Sie die Datei und laden Sie eine bereinigte Fassung hoch.',
          ],
          action: { label: 'Fall anzeigen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `[Case ${p.number}] File quarantined: ${p.fileName}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `The virus scan found malware (${p.signature}) in the file “${p.fileName}” you uploaded to case ${p.number}.`,
            'The file was quarantined and cannot be downloaded. Please check the file and upload a clean copy.',
          ],
          action: { label: 'View the case', url: p.url },
          footer: footer.en,
        });
  },
};
