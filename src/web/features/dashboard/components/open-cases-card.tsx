import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import { useCaseCounts } from '../api/get-case-counts';

/** "Offene Fälle": how many open cases the user sees, with the way to them. */
export function OpenCasesCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useCaseCounts(accountId);
  if (!counts.data) return null;
  const open = counts.data.data.all_open;
  return (
    <Card withBorder component="section" aria-labelledby="open-cases-title">
      <Title order={2} size="h4" id="open-cases-title" mb="sm">
        {t('dashboard.cases.title')}
      </Title>
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">
          <Text span fz={28} fw={650} mr={8}>
            {format.number(open)}
          </Text>
          {t('dashboard.cases.open', { count: open })}
        </Text>
        <Button component={Link} to="/cases?view=all_open" variant="light">
          {t('dashboard.cases.link')}
        </Button>
      </Group>
    </Card>
  );
}
