import { Button, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/document-title';

/**
 * Shown instead of a page that failed to render or to load (e.g. a chunk missing after a deploy).
 * Reloading fetches the current build, which is the usual cure.
 */
export function RouteError() {
  const { t } = useTranslation();
  useDocumentTitle(t('routeError.title'));
  return (
    <Stack component="section" align="flex-start" gap="md" py="lg" px="md" maw={640} aria-live="polite">
      <Title order={1}>{t('routeError.title')}</Title>
      <Text>{t('routeError.text')}</Text>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        <Button component="a" href="/" variant="default">
          {t('routeError.home')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The same message as a whole page, for errors outside the signed-in layout. */
export function RootRouteError() {
  return (
    <Center component="main" id="main" tabIndex={-1}>
      <RouteError />
    </Center>
  );
}
