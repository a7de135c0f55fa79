import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { staffKeysProblem } from '../staff-keys-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the console's Product Keys page: loaded with the page, not the first load. */
export const STAFF_KEYS_NS = 'staffKeys';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    staffKeys: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, STAFF_KEYS_NS)) i18n.addResourceBundle(language, STAFF_KEYS_NS, texts);
}

/** `t` for this page's texts, `tApp` for the shared ones, `problem` for a failed request's message. */
export function useStaffKeysTranslation() {
  const { t } = useTranslation(STAFF_KEYS_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const found = staffKeysProblem(error);
    return found.ns === 'translation' ? tApp(found.key) : t(found.key);
  };
  return { t, tApp, problem };
}
