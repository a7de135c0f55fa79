import './app/mantine-styles';
import './app/app.css';
import './i18n/i18n';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { NavigatorBridge } from './app/navigator';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { AppRoutes } from './app/routes';
import { redirectToLogin } from './app/session-redirect';
import { metaQueryOptions } from './features/auth/api/get-meta';
import { meQueryOptions } from './lib/me';
import { isPublicPath } from './lib/public-paths';

const queryClient = createQueryClient({ onUnauthorized: redirectToLogin });

// Ask for what the first page will need right away, so the request overlaps with rendering
// instead of starting once the page has mounted: the login page shows the public meta document
// (demo logins), every other page needs the user.
if (window.location.pathname === '/login') void queryClient.prefetchQuery(metaQueryOptions());
else if (!isPublicPath(window.location.pathname)) void queryClient.prefetchQuery(meQueryOptions());

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// A transition lets React yield to the browser while it renders the first screen, instead of
// blocking the main thread in one long task on slow phones.
startTransition(() => {
  createRoot(container).render(
    <StrictMode>
      <Providers queryClient={queryClient}>
        <BrowserRouter>
          <NavigatorBridge />
          <AppRoutes />
        </BrowserRouter>
      </Providers>
    </StrictMode>,
  );
});
