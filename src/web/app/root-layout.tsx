import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { BootScreen } from '../components/boot-screen';
import { ErrorBoundary } from '../components/error-boundary';
import { RootRouteError } from './route-error';

/** A new page starts at the top; back and forward leave the scroll position to the browser. */
function useScrollToTopOnNavigate() {
  const { pathname } = useLocation();
  const type = useNavigationType();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is a reaction to the path changing.
  useEffect(() => {
    if (type !== 'POP') window.scrollTo(0, 0);
  }, [pathname]);
}

/** Wraps every page: the skip link comes first in the tab order, before any header. */
export function RootLayout() {
  const { t } = useTranslation();
  useScrollToTopOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <ErrorBoundary fallback={<RootRouteError />}>
        <Suspense fallback={<BootScreen />}>
          <Outlet />
        </Suspense>
      </ErrorBoundary>
    </>
  );
}
