import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { problemMessageKey } from '../../../lib/problem-message';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the console's Releases page. */
export const STAFF_RELEASES_NS = 'staffReleases';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    staffReleases: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, STAFF_RELEASES_NS)) i18n.addResourceBundle(language, STAFF_RELEASES_NS, texts);
}

const KNOWN = new Set(['release.version_taken', 'release.no_artifacts', 'release.published', 'release.not_published', 'request.precondition_failed']);

export function useStaffReleasesTranslation() {
  const { t } = useTranslation(STAFF_RELEASES_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const code = (error as { code?: string } | null)?.code;
    if (code && KNOWN.has(code)) return t(`problems.${code.replace('.', '_')}` as 'problems.release_published');
    return tApp(problemMessageKey(error));
  };
  return { t, tApp, problem };
}
