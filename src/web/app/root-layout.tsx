import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';

/** Wraps every page: the skip link comes first in the tab order, before any header. */
export function RootLayout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
