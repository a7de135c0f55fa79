import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { staffCasesProblem } from '../staff-cases-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the console's case pages: loaded with them, not the first load. */
export const STAFF_CASES_NS = 'staffCases';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    staffCases: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, STAFF_CASES_NS)) i18n.addResourceBundle(language, STAFF_CASES_NS, texts);
}

/** `t` for these pages' texts, `tApp` for the shared ones, `problem` for a failed request's message. */
export function useStaffCasesTranslation() {
  const { t, i18n: instance } = useTranslation(STAFF_CASES_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const found = staffCasesProblem(error);
    return found.ns === 'translation' ? tApp(found.key) : t(found.key);
  };
  return { t, tApp, problem, language: instance.language };
}
