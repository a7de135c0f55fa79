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
import { meQueryOptions } from './lib/me';

const queryClient = createQueryClient({ onUnauthorized: redirectToLogin });

// Every page but the login needs the user; asking now overlaps the request with loading the
// page's code instead of waiting for the signed-in layout to mount.
if (window.location.pathname !== '/login') void queryClient.prefetchQuery(meQueryOptions());

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
