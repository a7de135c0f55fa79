import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from './document-title';

/** The "page not found" content, also shown where an area is not available to this user. */
export function NotFound({ headingOrder = 1 }: { headingOrder?: 1 | 2 }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Stack align="flex-start" gap="md" py="lg">
      <Title order={headingOrder}>{t('notFound.title')}</Title>
      <Text>{t('notFound.text')}</Text>
      <Button component={Link} to="/">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
