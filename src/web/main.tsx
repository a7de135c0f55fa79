import './app/mantine-styles';
import './app/app.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { createSessionRedirect } from './app/session-redirect';
import { meQueryOptions } from './lib/me';

const router = createAppRouter();
const queryClient = createQueryClient({
  onUnauthorized: (error) => {
    void redirectToLogin(error);
  },
});
const redirectToLogin = createSessionRedirect({ router, queryClient });

// Every page but the login needs the user; asking now overlaps the request with loading the
// page's code instead of waiting for the signed-in layout to mount.
if (window.location.pathname !== '/login') void queryClient.prefetchQuery(meQueryOptions());

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
