import { Box, Card, Title } from '@mantine/core';
import { DefinitionList } from '../../../components/definition-list';
import { RenewalRequest } from '../../../components/renewal-request';
import { useFormat } from '../../../lib/format';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import { MaintenanceBadge } from './maintenance-badge';

/** Wartung: start, end and state of maintenance, and "Verlängerung anfragen" (a Kundendienst case about the key). */
export function MaintenanceCard({ keyData }: { keyData: Key }) {
  const { t, tApp } = useKeysTranslation();
  const format = useFormat();
  const { start, end, status } = keyData.maintenance;
  const none = tApp('common.none');

  return (
    <Card withBorder component="section" aria-labelledby="maintenance-title">
      <Title order={2} size="h4" id="maintenance-title" mb="sm">
        {t('maintenance.title')}
      </Title>
      <DefinitionList
        items={[
          { term: t('maintenance.start'), value: start ? <time dateTime={start}>{format.date(start)}</time> : none },
          { term: t('maintenance.end'), value: end ? <time dateTime={end}>{format.date(end)}</time> : none },
          { term: t('maintenance.status'), value: <MaintenanceBadge status={status} /> },
        ]}
      />
      {keyData.abilities.requestRenewal && (
        <Box mt="md">
          <RenewalRequest keyId={keyData.id} button={{ variant: status === 'active' ? 'default' : 'filled' }} />
        </Box>
      )}
    </Card>
  );
}
