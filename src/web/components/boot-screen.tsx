import { useTranslation } from 'react-i18next';
import { PageLoader } from './page-loader';

/**
 * What shows while the app loads its first page: the same brand bar that `index.html` paints
 * before any script runs, so the screen does not jump, plus a spinner.
 */
export function BootScreen() {
  const { t } = useTranslation();
  return (
    <>
      <div className="boot-header">{t('app.name')}</div>
      <PageLoader />
    </>
  );
}
