import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { problemMessageKey } from '../../../lib/problem-message';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the Berichte area: its texts load with its pages, not the first load. */
export const REPORTS_NS = 'reports';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    reports: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, REPORTS_NS)) i18n.addResourceBundle(language, REPORTS_NS, texts);
}

/** `t` for this area's texts, `tApp` for the app's shared ones and `problem` for a failed request. */
export function useReportsTranslation() {
  const { t, i18n: instance } = useTranslation(REPORTS_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => tApp(problemMessageKey(error));
  const exists = (key: string) => instance.exists(key, { ns: REPORTS_NS });
  return { t, tApp, problem, exists, language: instance.language };
}
