import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import de from './de.json';
import en from './en.json';

/** The namespace of the console's newer screens (create account, staff users). */
export const CONSOLE_NS = 'console';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    console: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, CONSOLE_NS)) i18n.addResourceBundle(language, CONSOLE_NS, texts);
}

/** `t` for this feature's texts, `tApp` for the shared ones (including the older `console.*` texts). */
export function useConsoleTranslation() {
  const { t } = useTranslation(CONSOLE_NS);
  const { t: tApp } = useTranslation();
  return { t, tApp };
}
