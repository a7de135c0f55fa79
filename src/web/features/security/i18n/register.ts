import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import de from './de.json';
import en from './en.json';

/** The namespace of Mein Konto → Sicherheit (password, MFA, sessions, account policy). */
export const SECURITY_NS = 'security';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    security: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, SECURITY_NS)) i18n.addResourceBundle(language, SECURITY_NS, texts);
}

export function useSecurityTranslation() {
  const { t } = useTranslation(SECURITY_NS);
  const { t: tApp } = useTranslation();
  return { t, tApp };
}
