import { Anchor, AppShell, Box, Burger, Center, Container, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { BootScreen } from '../components/boot-screen';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { ErrorBoundary } from '../components/error-boundary';
import { LanguageSwitcher } from '../components/language-switcher';
import { PageLoader } from '../components/page-loader';
import { QueryError } from '../components/query-error';
import { isUnauthorized } from '../lib/api-client';
import { storeLanguage } from '../lib/language';
import { type Me, meQueryOptions, useUpdateMe } from '../lib/me';
import { AccountSwitcher } from './account-switcher';
import { MainNav } from './main-nav';
import { RouteError } from './route-error';
import { UserMenu } from './user-menu';

const MFA_SETUP_PATH = '/account/security';

/**
 * Gate and frame for every signed-in page: loads the user, then renders the shell. A 401 is
 * handled by the query client (redirect to login), so it only shows the spinner here.
 */
export function AppLayout() {
  const me = useQuery(meQueryOptions());
  if (me.data) return <Shell me={me.data} />;
  if (me.isError && !isUnauthorized(me.error)) {
    return (
      <Center component="main" id="main" mih="100dvh" p="md">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  return <BootScreen />;
}

/** The profile's language wins over the device's once the user is known. */
function useProfileLanguage(me: Me) {
  const { i18n } = useTranslation();
  const locale = me.user.locale;
  useEffect(() => {
    if (locale && locale !== i18n.language) {
      storeLanguage(locale);
      void i18n.changeLanguage(locale);
    }
  }, [locale, i18n]);
}

/** After client-side navigation, screen readers and keyboards start at the new page's content. */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is a reaction to the path changing.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}

function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const { pathname } = useLocation();
  const updateMe = useUpdateMe();
  useProfileLanguage(me);
  useFocusMainOnNavigate();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes.
  useEffect(() => nav.close(), [pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('app.toggleNavigation')}
              aria-expanded={navOpened}
              aria-controls="main-navigation"
            />
            <Anchor
              component={Link}
              to="/"
              fw={700}
              size="lg"
              underline="never"
              c="var(--mantine-color-text)"
              aria-label={t('app.home')}
            >
              {t('app.name')}
            </Anchor>
          </Group>
          <Group gap={4} wrap="nowrap">
            <Box visibleFrom="sm">
              <AccountSwitcher me={me} />
            </Box>
            <LanguageSwitcher onChange={(locale) => updateMe.mutate({ locale })} />
            <ColorSchemeToggle />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        id="main-navigation"
        aria-label={t('app.mainNavigation')}
        p="sm"
        inert={isPhone && !navOpened}
      >
        <Box hiddenFrom="sm" mb="sm" pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <AccountSwitcher me={me} fullWidth />
        </Box>
        <MainNav areas={me.areas} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" px={0}>
          {/* Keyed by path: after an error, going elsewhere renders the new page again. */}
          <ErrorBoundary resetKey={pathname} fallback={<RouteError />}>
            <Suspense fallback={<PageLoader />}>
              {/* Until the required MFA set-up is done the API answers nothing else: lead straight there. */}
              {me.mfa.enrollmentRequired && pathname !== MFA_SETUP_PATH ? <Navigate to={MFA_SETUP_PATH} replace /> : <Outlet />}
            </Suspense>
          </ErrorBoundary>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
