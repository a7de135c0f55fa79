import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { staffInvoicesProblem } from '../staff-invoices-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the console's Rechnungen: loaded with these pages, not the first load. */
export const STAFF_INVOICES_NS = 'staffInvoices';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    staffInvoices: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, STAFF_INVOICES_NS)) i18n.addResourceBundle(language, STAFF_INVOICES_NS, texts);
}

/** `t` for these pages' texts, `tApp` for the shared ones, `problem` for a failed request's message, `locale` for Intl. */
export function useStaffInvoicesTranslation() {
  const { t, i18n: instance } = useTranslation(STAFF_INVOICES_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const found = staffInvoicesProblem(error);
    return found.ns === 'translation' ? tApp(found.key) : t(found.key);
  };
  const locale = instance.language === 'en' ? 'en-GB' : 'de-DE';
  return { t, tApp, problem, locale };
}
