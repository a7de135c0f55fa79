import { Anchor, Button, Card, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { type DataColumn, DataTable } from '../../../components/data-table';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { type Subscription, useSubscriptions, useUnsubscribe } from '../api/reports';
import { useReportsTranslation } from '../i18n/register';
import { useReportLabels } from './use-labels';

/** Meine Abonnements: the user's scheduled reports, their next mail, paused ones with the reason; end one. */
export function SubscriptionsCard({ accountId }: { accountId: string }) {
  const { t, problem } = useReportsTranslation();
  const { title, tx, format } = useReportLabels();
  const subscriptions = useSubscriptions(accountId);
  const unsubscribe = useUnsubscribe(accountId);
  const [status, setStatus] = useState('');

  const filtersText = (s: Subscription) => {
    const entries = Object.entries(s.filters);
    return entries.length ? entries.map(([k, v]) => `${tx(`filters.${k}`)}: ${v}`).join(', ') : t('subscriptions.noFilters');
  };
  const link = (s: Subscription) => `/reports/${s.reportId}?${new URLSearchParams(Object.entries(s.filters).map(([k, v]) => [k, String(v)])).toString()}`;
  const columns: DataColumn<Subscription>[] = [
    { key: 'report', header: t('subscriptions.report'), cell: (s) => <Anchor component={Link} to={link(s)}>{title(s.reportId)}</Anchor> },
    { key: 'filters', header: t('subscriptions.filters'), cell: filtersText },
    { key: 'frequency', header: t('subscriptions.frequency'), cell: (s) => t(s.frequency === 'weekly' ? 'subscriptions.weekly' : 'subscriptions.monthly') },
    {
      key: 'status',
      header: t('subscriptions.status'),
      cell: (s) => (s.status === 'active' ? t('subscriptions.active') : t('subscriptions.paused', { reason: tx(`subscriptions.pausedReason.${s.pausedReason ?? 'not_permitted'}`) })),
    },
    { key: 'next', header: t('subscriptions.next'), cell: (s) => (s.status === 'active' ? format.dateTime(s.nextRunAt) : '–'), nowrap: true },
    { key: 'last', header: t('subscriptions.last'), cell: (s) => (s.lastSentAt ? format.dateTime(s.lastSentAt) : t('subscriptions.never')), nowrap: true },
    {
      key: 'delete',
      header: t('subscriptions.delete'),
      cell: (s) => (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          aria-label={t('subscriptions.deleteLabel', { report: title(s.reportId) })}
          loading={unsubscribe.isPending && unsubscribe.variables === s.id}
          onClick={() => unsubscribe.mutate(s.id, { onSuccess: () => setStatus(t('subscriptions.deleted')), onError: (e) => setStatus(problem(e)) })}
        >
          {t('subscriptions.delete')}
        </Button>
      ),
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="subscriptions-title">
      <Title order={2} size="h4" id="subscriptions-title" mb="sm">
        {t('subscriptions.title')}
      </Title>
      <Text size="sm" role="status" mb={status ? 'sm' : 0}>
        {status}
      </Text>
      {subscriptions.isPending ? (
        <PageLoader />
      ) : subscriptions.isError ? (
        <QueryError error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      ) : subscriptions.data.length === 0 ? (
        <Text size="sm">{t('subscriptions.empty')}</Text>
      ) : (
        <DataTable label={t('subscriptions.list')} columns={columns} rows={subscriptions.data} rowKey={(s) => s.id} />
      )}
    </Card>
  );
}
