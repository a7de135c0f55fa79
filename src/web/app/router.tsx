import { createBrowserRouter } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { RootLayout } from './root-layout';
import { RootRouteError, RouteError } from './route-error';

/**
 * Route map. Every page is a lazy module so the first load carries only the shell; areas appear
 * here only once they have real pages (the navigation shows what `me.areas` grants).
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RootRouteError />,
      hydrateFallbackElement: <PageLoader fullScreen />,
      children: [
        {
          path: 'login',
          lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }),
        },
        {
          lazy: async () => ({ Component: (await import('./app-layout')).AppLayout }),
          children: [
            {
              // Pathless so that a failing page renders its error inside the shell.
              errorElement: <RouteError />,
              children: [
                {
                  index: true,
                  lazy: async () => ({
                    Component: (await import('../features/dashboard/dashboard-page')).DashboardPage,
                  }),
                },
                {
                  path: 'account',
                  lazy: async () => ({
                    Component: (await import('../features/account/account-layout')).AccountLayout,
                  }),
                  children: [
                    {
                      index: true,
                      lazy: async () => ({
                        Component: (await import('../features/account/profile-page')).ProfilePage,
                      }),
                    },
                    {
                      path: 'activity',
                      lazy: async () => ({
                        Component: (await import('../features/account/activity-page')).ActivityPage,
                      }),
                    },
                  ],
                },
                {
                  path: 'console',
                  lazy: async () => ({
                    Component: (await import('../features/console/console-layout')).ConsoleLayout,
                  }),
                  children: [
                    {
                      index: true,
                      lazy: async () => ({
                        Component: (await import('../features/console/console-index')).ConsoleIndex,
                      }),
                    },
                    {
                      path: 'accounts',
                      lazy: async () => ({
                        Component: (await import('../features/console/accounts-page')).AccountsPage,
                      }),
                    },
                    {
                      path: 'outbox',
                      lazy: async () => ({
                        Component: (await import('../features/console/outbox-page')).OutboxPage,
                      }),
                    },
                    {
                      path: 'outbox/:mailId',
                      lazy: async () => ({
                        Component: (await import('../features/console/outbox-mail-page')).OutboxMailPage,
                      }),
                    },
                  ],
                },
                {
                  path: '*',
                  lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }),
                },
              ],
            },
          ],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
