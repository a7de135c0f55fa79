import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of case files (list, Dateien hochladen): loaded with the case pages. */
export const FILES_NS = 'files';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    files: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, FILES_NS)) i18n.addResourceBundle(language, FILES_NS, texts);
}

/** `t` for the files texts and the current language (for Intl formatting of sizes and times). */
export function useFilesTranslation() {
  const { t, i18n: instance } = useTranslation(FILES_NS);
  return { t, language: instance.language };
}
