import './i18n/register';
import { Card, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import {
  type ActivityFilters as Filters,
  activityFiltersFromSearch,
  activityFiltersToSearch,
  hasActivityFilters,
  rangeIsInverted,
} from './activity-filters';
import { useAccountPeople } from './api/get-account-people';
import { useActivity } from './api/get-activity';
import { ActivityFilters } from './components/activity-filters';
import { ActivityTable } from './components/activity-table';
import { useAccountTranslation } from './i18n/register';

export function ActivityPage() {
  const me = useMe();
  if (!me.account) return <NotFound headingOrder={2} />;
  return (
    <Activity accountId={me.account.id} accountName={me.account.name} wholeAccount={me.abilities.viewActivity} canListPeople={me.abilities.viewActivity && me.abilities.manageUsers} />
  );
}

function Activity({
  accountId,
  accountName,
  wholeAccount,
  canListPeople,
}: { accountId: string; accountName: string; wholeAccount: boolean; canListPeople: boolean }) {
  const { t: tApp } = useTranslation();
  const { t } = useAccountTranslation();
  useDocumentTitle(tApp('account.activity.title'), tApp('account.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = activityFiltersFromSearch(searchParams);
  const inverted = rangeIsInverted(filters);
  // Merged into the address as it is now, not as this render saw it: two quick changes (a person,
  // then a day) must both stay.
  const setFilters = useCallback(
    (patch: Partial<Filters>) =>
      setSearchParams(activityFiltersToSearch({ ...activityFiltersFromSearch(new URLSearchParams(window.location.search)), ...patch }), { replace: true }),
    [setSearchParams],
  );

  const activity = useActivity(accountId, filters, !inverted);
  const people = useAccountPeople(accountId, canListPeople);
  const events = inverted ? [] : (activity.data?.pages.flatMap((page) => page.data) ?? []);
  const filtered = hasActivityFilters(filters);

  return (
    <Card withBorder component="section" aria-labelledby="activity-title">
      <Title order={2} size="h3" id="activity-title">
        {tApp('account.activity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {wholeAccount ? tApp('account.activity.intro', { account: accountName }) : t('activity.introOwn', { account: accountName })}
      </Text>
      <ActivityFilters filters={filters} people={canListPeople ? (people.data?.people ?? []) : undefined} onChange={setFilters} />
      <VisuallyHidden role="status">
        {activity.isFetching && !activity.isFetchingNextPage ? tApp('app.loading') : ''}
      </VisuallyHidden>
      {inverted ? null : activity.isPending ? (
        <PageLoader />
      ) : activity.isError && events.length === 0 ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : events.length === 0 ? (
        <Text size="sm">{filtered ? t('activity.emptyFiltered') : tApp('account.activity.empty')}</Text>
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
