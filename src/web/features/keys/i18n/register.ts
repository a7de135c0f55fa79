import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { keyProblem } from '../key-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the Product Keys area: its texts load with its pages, not the first load. */
export const KEYS_NS = 'keys';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    keys: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, KEYS_NS)) i18n.addResourceBundle(language, KEYS_NS, texts);
}

/**
 * `t` for this area's texts, `tApp` for the app's shared ones (common buttons, navigation) and
 * `problem` for the message that explains a failed key request.
 */
export function useKeysTranslation() {
  const { t } = useTranslation(KEYS_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const found = keyProblem(error);
    if (found.ns === 'translation') return tApp(found.key);
    return found.count === undefined ? t(found.key) : t(found.key, { count: found.count });
  };
  return { t, tApp, problem };
}
