import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { problemMessageKey } from '../../../lib/problem-message';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the Downloads area: its texts load with its page, not the first load. */
export const DOWNLOADS_NS = 'downloads';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    downloads: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, DOWNLOADS_NS)) i18n.addResourceBundle(language, DOWNLOADS_NS, texts);
}

const KNOWN = new Set(['download.not_covered', 'download.not_found', 'download.link_expired', 'download.link_invalid']);

/** `t` for this area's texts, `tApp` for the shared ones, `problem` for a failed request. */
export function useDownloadsTranslation() {
  const { t } = useTranslation(DOWNLOADS_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const code = (error as { code?: string } | null)?.code;
    if (code && KNOWN.has(code)) return t(`problems.${code.replace('download.', '')}` as 'problems.not_found');
    return tApp(problemMessageKey(error));
  };
  return { t, tApp, problem };
}
