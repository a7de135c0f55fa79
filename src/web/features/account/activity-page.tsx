import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useActivity } from './api/get-activity';
import { ActivityTable } from './components/activity-table';

export function ActivityPage() {
  const me = useMe();
  if (!me.abilities.viewActivity || !me.account) return <NotFound headingOrder={2} />;
  return <Activity accountId={me.account.id} accountName={me.account.name} />;
}

function Activity({ accountId, accountName }: { accountId: string; accountName: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('account.activity.title'), t('account.title'));
  const activity = useActivity(accountId);
  const events = activity.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="activity-title">
      <Title order={2} size="h3" id="activity-title">
        {t('account.activity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('account.activity.intro', { account: accountName })}
      </Text>
      {activity.isPending ? (
        <PageLoader />
      ) : activity.isError && events.length === 0 ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : events.length === 0 ? (
        <Text size="sm">{t('account.activity.empty')}</Text>
      ) : (
        <>
          <ActivityTable events={events} />
          {activity.isFetchNextPageError && (
            <QueryError error={activity.error} onRetry={() => void activity.fetchNextPage()} />
          )}
          <LoadMore
            hasMore={activity.hasNextPage}
            loading={activity.isFetchingNextPage}
            onLoadMore={() => void activity.fetchNextPage()}
          />
        </>
      )}
    </Card>
  );
}
