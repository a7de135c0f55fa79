import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { type CaseProblem, caseProblem } from '../case-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the Fälle area: its texts load with its pages, not the first load. */
export const CASES_NS = 'cases';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    cases: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, CASES_NS)) i18n.addResourceBundle(language, CASES_NS, texts);
}

/**
 * `t` for this area's texts, `tApp` for the app's shared ones, `problem` for the message that
 * explains a failed case request and `say` for a message already mapped (a field's problem).
 */
export function useCasesTranslation() {
  const { t } = useTranslation(CASES_NS);
  const { t: tApp } = useTranslation();
  const say = (found: CaseProblem): string => (found.ns === 'translation' ? tApp(found.key) : t(found.key));
  const problem = (error: unknown): string => say(caseProblem(error));
  return { t, tApp, problem, say };
}
