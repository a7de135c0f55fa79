import { Anchor, Box, Container, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ColorSchemeToggle } from '../../../components/color-scheme-toggle';
import { useDocumentTitle } from '../../../components/document-title';
import { LanguageSwitcher } from '../../../components/language-switcher';
import { useAccessTranslation } from '../i18n/register';
import classes from './public-shell.module.css';

/** The frame of the pages opened from a mail: brand, language and colour scheme, one card. */
export function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { tApp } = useAccessTranslation();
  useDocumentTitle(title);
  return (
    <Box className={classes.page}>
      <Box component="header" className={classes.header}>
        <Group justify="space-between" wrap="nowrap" h="100%" px="md">
          <Anchor component={Link} to="/login" fw={700} size="lg" underline="never" c="var(--mantine-color-text)">
            {tApp('app.name')}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitcher />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size="xs" py="xl" className={classes.main}>
        <Paper withBorder p="lg">
          <Stack gap="md">
            <Title order={1} size="h2">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

/** A link back to the sign-in page, the way out of every dead end here. */
export function ToLogin() {
  const { t } = useAccessTranslation();
  return (
    <Anchor component={Link} to="/login" size="sm">
      {t('shell.toLogin')}
    </Anchor>
  );
}
