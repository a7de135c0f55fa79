import { Alert, Anchor, Box, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ColorSchemeToggle } from '../../components/color-scheme-toggle';
import { useDocumentTitle } from '../../components/document-title';
import { LanguageSwitcher } from '../../components/language-switcher';
import { storeLanguage } from '../../lib/language';
import { safeNextPath } from '../../lib/login-redirect';
import type { Me } from '../../lib/me';
import { forgetSessionData } from '../../lib/query-meta';
import { useMeta } from './api/get-meta';
import type { Credentials } from './api/login';
import { logout } from './api/logout';
import { DemoLogins } from './components/demo-logins';
import { LoginForm } from './components/login-form';
import { MfaForm } from './components/mfa-form';
import classes from './login-page.module.css';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const meta = useMeta();
  const queryClient = useQueryClient();

  // Whoever arrives here (signed out, expired, or logging in as someone else) must not see the
  // previous session's cached data afterwards.
  useEffect(() => forgetSessionData(queryClient), [queryClient]);
  const [prefill, setPrefill] = useState<(Credentials & { seq: number }) | null>(null);
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [mfaRestarted, setMfaRestarted] = useState(false);

  const rawNext = searchParams.get('next');
  const expired = searchParams.get('expired') === '1';

  const onSignedIn = (me: Me) => {
    if (me.user.locale && me.user.locale !== i18n.language) {
      storeLanguage(me.user.locale);
      void i18n.changeLanguage(me.user.locale);
    }
    void navigate(safeNextPath(rawNext), { replace: true });
  };

  // Leaving the second step drops the half-open session, so the next attempt starts clean.
  const restart = (afterTooManyCodes: boolean) => {
    void logout().catch(() => undefined);
    setMfaRestarted(afterTooManyCodes);
    setStep('password');
  };

  const demo = meta.data?.demo && step === 'password' ? meta.data : null;

  return (
    <Box className={classes.page}>
      <Box component="header" className={classes.header}>
        <Group justify="space-between" wrap="nowrap" h="100%" px="md">
          <Anchor component={Link} to="/login" fw={700} size="lg" underline="never" c="var(--mantine-color-text)">
            {t('app.name')}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitcher />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size={demo ? 'md' : 'xs'} py="xl" className={classes.main}>
        <SimpleGrid cols={{ base: 1, md: demo ? 2 : 1 }} spacing="lg" style={{ alignItems: 'start' }}>
          <Paper withBorder p="lg">
            <Stack gap="md">
              <Title order={1} size="h2">
                {step === 'mfa' ? t('login.mfa.title') : t('login.title')}
              </Title>
              {mfaRestarted && step === 'password' ? (
                <Alert color="yellow" variant="light" role="status">
                  {t('login.mfa.restarted')}
                </Alert>
              ) : expired ? (
                <Alert color="yellow" variant="light" role="status">
                  {t('login.expiredNotice')}
                </Alert>
              ) : (
                rawNext && (
                  <Alert color="indigo" variant="light" role="status">
                    {t('login.nextNotice')}
                  </Alert>
                )
              )}
              {step === 'mfa' ? (
                <MfaForm onSignedIn={onSignedIn} onRestart={() => restart(false)} onTooManyCodes={() => restart(true)} />
              ) : (
                <>
                  <Text size="sm">{t('login.intro')}</Text>
                  <LoginForm
                    prefill={prefill}
                    onSignedIn={onSignedIn}
                    onMfaRequired={() => {
                      setMfaRestarted(false);
                      setStep('mfa');
                    }}
                  />
                  <Anchor component={Link} to="/password-reset" size="sm">
                    {t('login.forgotPassword')}
                  </Anchor>
                </>
              )}
            </Stack>
          </Paper>
          {demo && (
            <DemoLogins
              meta={demo}
              onChoose={(credentials) => setPrefill((previous) => ({ ...credentials, seq: (previous?.seq ?? 0) + 1 }))}
            />
          )}
        </SimpleGrid>
        {meta.data?.version && (
          <Text size="xs" c="dimmed" ta="center" mt="xl">
            {t('app.name')} · {t('login.version', { version: meta.data.version })}
          </Text>
        )}
      </Container>
    </Box>
  );
}
