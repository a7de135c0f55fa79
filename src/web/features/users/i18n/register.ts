import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { userProblem } from '../user-problem';
import de from './de.json';
import en from './en.json';

/** The i18next namespace of the users pages: its texts load with those pages, not the first load. */
export const USERS_NS = 'users';

declare module '../../../i18n/i18n' {
  interface FeatureResources {
    users: typeof de;
  }
}

for (const [language, texts] of [
  ['de', de],
  ['en', en],
] as const) {
  if (!i18n.hasResourceBundle(language, USERS_NS)) i18n.addResourceBundle(language, USERS_NS, texts);
}

/** `t` for this feature's texts, `tApp` for the shared ones and `problem` for a failed request. */
export function useUsersTranslation() {
  const { t } = useTranslation(USERS_NS);
  const { t: tApp } = useTranslation();
  const problem = (error: unknown): string => {
    const found = userProblem(error);
    return found.ns === 'translation' ? tApp(found.key) : t(found.key);
  };
  return { t, tApp, problem };
}
