import '@mantine/core/styles.css';
import './app/app.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { createSessionRedirect } from './app/session-redirect';

const router = createAppRouter();
const queryClient = createQueryClient({
  onUnauthorized: (error) => {
    void redirectToLogin(error);
  },
});
const redirectToLogin = createSessionRedirect({ router, queryClient });

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
