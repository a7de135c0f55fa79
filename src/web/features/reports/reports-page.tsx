import './i18n/register';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useReportList } from './api/reports';
import { SubscriptionsCard } from './components/subscriptions-card';
import { useReportLabels } from './components/use-labels';
import { useReportsTranslation } from './i18n/register';

/** Berichte (`/reports`): the reports this user may run, each a link, and their subscriptions. */
export function ReportsPage() {
  const me = useMe();
  if (!me.areas.includes('reports') || !me.account) return <NotFound />;
  return <ReportPicker accountId={me.account.id} />;
}

function ReportPicker({ accountId }: { accountId: string }) {
  const { t, tApp } = useReportsTranslation();
  const { title, tx } = useReportLabels();
  useDocumentTitle(tApp('nav.reports'));
  const reports = useReportList({ kind: 'customer', accountId });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} mb="xs">
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('intro')}
        </Text>
      </div>
      <section aria-labelledby="report-choice">
        <Title order={2} size="h4" id="report-choice" mb="sm">
          {t('choose')}
        </Title>
        {reports.isPending ? (
          <PageLoader />
        ) : reports.isError ? (
          <QueryError error={reports.error} onRetry={() => void reports.refetch()} />
        ) : (
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" m={0} p={0} style={{ listStyle: 'none' }}>
            {reports.data.map((r) => (
              <Card component="li" withBorder key={r.id}>
                <Anchor component={Link} to={`/reports/${r.id}`} fw={600}>
                  {title(r.id)}
                </Anchor>
                <Text size="sm" mt={4}>
                  {tx(`reports.${r.id}.description`)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </section>
      <SubscriptionsCard accountId={accountId} />
    </Stack>
  );
}
