import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { type InvoiceProblem, invoiceProblem } from '../invoice-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of Rechnungen and Kontodaten: its texts load with its pages. */
export const INVOICES_NS = 'invoices';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    invoices: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, INVOICES_NS)) i18n.addResourceBundle(language, INVOICES_NS, texts);
}

/**
 * `t` for this area's texts, `tApp` for the app's shared ones, `problem` for the message that
 * explains a failed request and `say` for a message already mapped (a field's problem).
 */
export function useInvoicesTranslation() {
  const { t, i18n: instance } = useTranslation(INVOICES_NS);
  const { t: tApp } = useTranslation();
  const say = (found: InvoiceProblem): string => (found.ns === 'translation' ? tApp(found.key) : t(found.key));
  const problem = (error: unknown): string => say(invoiceProblem(error));
  return { t, tApp, problem, say, language: instance.language };
}
