import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import de from './de.json';
import en from './en.json';

/** The namespace of the public pages reached from mails (invitation, password reset, email confirmation). */
export const ACCESS_NS = 'access';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    access: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, ACCESS_NS)) i18n.addResourceBundle(language, ACCESS_NS, texts);
}

export function useAccessTranslation() {
  const { t, i18n: instance } = useTranslation(ACCESS_NS);
  const { t: tApp } = useTranslation();
  return { t, tApp, i18n: instance };
}
