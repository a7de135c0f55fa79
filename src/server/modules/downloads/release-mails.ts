import { footer, hello, type Locale, render } from '../../app/mail-templates.js';

const channelName: Record<Locale, Record<'stable' | 'preview' | 'lts', string>> = {
  de: { stable: 'stabile Version', preview: 'Vorschauversion', lts: 'Version mit Langzeitunterstützung' },
  en: { stable: 'stable release', preview: 'preview release', lts: 'long-term support release' },
};

export const releaseMails = {
  /** A new release of a product the recipient may download and whose maintenance covers it. */
  published(locale: Locale, p: { to: string; name: string; productName: string; version: string; channel: 'stable' | 'preview' | 'lts'; url: string; unsubscribeUrl: string }) {
    return render(p.to, locale === 'de'
      ? {
          subject: `Neue Version: ${p.productName} ${p.version}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `${p.productName} ${p.version} ist als ${channelName.de[p.channel]} erschienen. Ihre Wartung umfasst diese Version: Sie können sie jetzt im Kundenportal herunterladen, mit SHA-256-Prüfsummen und Versionshinweisen.`,
            `Sie erhalten diese E-Mail, weil Sie Benachrichtigungen über neue Versionen abonniert haben. Abbestellen können Sie sie in Ihrem Profil: ${p.unsubscribeUrl}`,
          ],
          action: { label: 'Zu den Downloads', url: p.url },
          footer: footer.de,
        }
      : {
          subject: `New release: ${p.productName} ${p.version}`,
          greeting: hello(locale, p.name),
          paragraphs: [
            `${p.productName} ${p.version} is out as a ${channelName.en[p.channel]}. Your maintenance covers it: download it in the customer portal now, with SHA-256 checksums and release notes.`,
            `You receive this email because you subscribed to release notifications. Unsubscribe in your profile: ${p.unsubscribeUrl}`,
          ],
          action: { label: 'Go to downloads', url: p.url },
          footer: footer.en,
        });
  },
};
