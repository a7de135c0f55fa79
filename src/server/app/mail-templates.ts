import type { OutgoingMail } from './mail.js';

export type Locale = 'de' | 'en';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface MailBody {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

/** Renders one mail as text and as simple, inline-styled HTML (mail clients ignore stylesheets). */
export function render(to: string, b: MailBody): OutgoingMail {
  const text = [b.greeting, '', ...b.paragraphs.flatMap((p) => [p, '']), ...(b.action ? [`${b.action.label}: ${b.action.url}`, ''] : []), '--', b.footer].join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1b1e;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(b.greeting)}</p>
${b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${b.action ? `<p><a href="${escapeHtml(b.action.url)}" style="display:inline-block;background:#1c7ed6;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(b.action.label)}</a></p><p style="font-size:13px;color:#555">${escapeHtml(b.action.url)}</p>` : ''}
<hr style="border:none;border-top:1px solid #ddd"><p style="font-size:13px;color:#555">${escapeHtml(b.footer)}</p>
</body></html>`;
  return { to, subject: b.subject, text, html };
}

export const footer: Record<Locale, string> = {
  de: 'Diese E-Mail wurde vom Kundenportal Portico gesendet.',
  en: 'This email was sent by the Portico customer portal.',
};

export const hello = (locale: Locale, name: string) => (locale === 'de' ? `Hallo ${name},` : `Hello ${name},`);

export const dateTime = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

export const mailTemplates = {
  invitation(locale: Locale, p: { to: string; name: string; accountName: string | null; inviterName: string | null; url: string; expiresAt: string }) {
    const where = p.accountName ?? 'Portico';
    return render(p.to, locale === 'de'
      ? {
          subject: `Einladung zum Kundenportal: ${where}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `${p.inviterName ?? 'Ein Administrator'} hat Sie zum Kundenportal von ${where} eingeladen.`,
            `Legen Sie über den folgenden Link Ihr Kennwort fest. Der Link ist einmal verwendbar und gilt bis ${dateTime(locale, p.expiresAt)}.`,
          ],
          action: { label: 'Einladung annehmen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `Invitation to the customer portal: ${where}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `${p.inviterName ?? 'An administrator'} has invited you to the customer portal of ${where}.`,
            `Set your password with the link below. It works once and is valid until ${dateTime(locale, p.expiresAt)}.`,
          ],
          action: { label: 'Accept the invitation', url: p.url },
          footer: footer.en,
        });
  },

  addedToAccount(locale: Locale, p: { to: string; name: string; accountName: string; inviterName: string | null; url: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `Sie haben Zugriff auf ${p.accountName}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.inviterName ?? 'Ein Administrator'} hat Ihnen Zugriff auf das Konto ${p.accountName} gegeben. Melden Sie sich wie gewohnt an und wechseln Sie oben rechts das Konto.`],
          action: { label: 'Zum Kundenportal', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `You now have access to ${p.accountName}`,
          greeting: hello(locale, p.name),
          paragraphs: [`${p.inviterName ?? 'An administrator'} has given you access to the account ${p.accountName}. Sign in as usual and switch accounts at the top right.`],
          action: { label: 'Open the customer portal', url: p.url },
          footer: footer.en,
        });
  },

  passwordReset(locale: Locale, p: { to: string; name: string; url: string; expiresAt: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: 'Kennwort zurücksetzen',
          greeting: hello(locale, p.name),
          paragraphs: [
            `Für Ihr Konto wurde ein neues Kennwort angefordert. Der Link ist einmal verwendbar und gilt bis ${dateTime(locale, p.expiresAt)}.`,
            'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Kennwort bleibt unverändert.',
          ],
          action: { label: 'Neues Kennwort festlegen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: 'Reset your password',
          greeting: hello(locale, p.name),
          paragraphs: [
            `A new password was requested for your account. The link works once and is valid until ${dateTime(locale, p.expiresAt)}.`,
            'If this was not you, ignore this email; your password stays as it is.',
          ],
          action: { label: 'Set a new password', url: p.url },
          footer: footer.en,
        });
  },

  passwordChanged(locale: Locale, p: { to: string; name: string; at: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: 'Ihr Kennwort wurde geändert',
          greeting: hello(locale, p.name),
          paragraphs: [`Ihr Kennwort wurde am ${dateTime(locale, p.at)} geändert; alle anderen Sitzungen wurden beendet.`, 'Wenn Sie das nicht waren, setzen Sie Ihr Kennwort sofort zurück und wenden Sie sich an den Support.'],
          footer: footer.de,
        }
      : {
          subject: 'Your password was changed',
          greeting: hello(locale, p.name),
          paragraphs: [`Your password was changed on ${dateTime(locale, p.at)}; all other sessions were ended.`, 'If this was not you, reset your password at once and contact support.'],
          footer: footer.en,
        });
  },

  emailChangeConfirm(locale: Locale, p: { to: string; name: string; url: string; expiresAt: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: 'Neue E-Mail-Adresse bestätigen',
          greeting: hello(locale, p.name),
          paragraphs: [`Bestätigen Sie, dass Sie sich künftig mit dieser Adresse anmelden möchten. Der Link gilt bis ${dateTime(locale, p.expiresAt)}.`],
          action: { label: 'Adresse bestätigen', url: p.url },
          footer: footer.de,
        }
      : {
          subject: 'Confirm your new email address',
          greeting: hello(locale, p.name),
          paragraphs: [`Confirm that you want to sign in with this address from now on. The link is valid until ${dateTime(locale, p.expiresAt)}.`],
          action: { label: 'Confirm the address', url: p.url },
          footer: footer.en,
        });
  },

  emailChangeNotice(locale: Locale, p: { to: string; name: string; newEmail: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: 'Änderung Ihrer E-Mail-Adresse angefordert',
          greeting: hello(locale, p.name),
          paragraphs: [`Für Ihr Konto wurde die neue Anmeldeadresse ${p.newEmail} angefordert. Sie gilt erst, wenn sie von dort bestätigt wird. Wenn Sie das nicht waren, ändern Sie Ihr Kennwort.`],
          footer: footer.de,
        }
      : {
          subject: 'A change of your email address was requested',
          greeting: hello(locale, p.name),
          paragraphs: [`The new sign-in address ${p.newEmail} was requested for your account. It takes effect only once confirmed from there. If this was not you, change your password.`],
          footer: footer.en,
        });
  },
};
