import { Card, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DefinitionList } from '../../../components/definition-list';
import { useFormat } from '../../../lib/format';
import type { Me } from '../../../lib/me';

/** When the session ends: at the absolute limit, or earlier after a period without activity. */
export function SessionCard({ session }: { session: Me['session'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder component="section" aria-labelledby="session-title">
      <Title order={2} size="h4" id="session-title" mb="sm">
        {t('dashboard.session.title')}
      </Title>
      <DefinitionList
        items={[
          { term: t('dashboard.session.idleExpiresAt'), value: format.dateTime(session.idleExpiresAt) },
          { term: t('dashboard.session.expiresAt'), value: format.dateTime(session.expiresAt) },
        ]}
      />
    </Card>
  );
}
