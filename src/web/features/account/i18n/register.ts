import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import de from './de.json';
import en from './en.json';

/** The namespace of Mein Konto → Profil and Aktivität (email change, notifications, activity filters). */
export const ACCOUNT_NS = 'account';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    account: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, ACCOUNT_NS)) i18n.addResourceBundle(language, ACCOUNT_NS, texts);
}

/** `t` for this feature's texts, `tApp` for the shared ones. */
export function useAccountTranslation() {
  const { t } = useTranslation(ACCOUNT_NS);
  const { t: tApp } = useTranslation();
  return { t, tApp };
}
