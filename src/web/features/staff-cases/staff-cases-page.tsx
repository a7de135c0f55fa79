import { Button, Card, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useStaffCases } from './api/staff-cases';
import { type CaseListFilters, filtersFromSearch, filtersToSearch } from './case-filters';
import { CasesFilters } from './components/cases-filters';
import { CasesTable } from './components/cases-table';
import { useStaffCasesTranslation } from './i18n/register';

/** Console → Fälle: the support queues, for staff who work cases. */
export function StaffCasesPage() {
  const me = useMe();
  if (!me.abilities.workCases) return <NotFound headingOrder={2} />;
  return <StaffCases />;
}

function StaffCases() {
  const { t, tApp } = useStaffCasesTranslation();
  useDocumentTitle(t('title'), tApp('console.title'));
  const { search } = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const onChange = useCallback((next: CaseListFilters) => setSearchParams(filtersToSearch(next), { replace: true }), [setSearchParams]);
  const cases = useStaffCases(filters);
  const rows = cases.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="staff-cases-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <Title order={2} size="h3" id="staff-cases-title">
          {t('title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('intro')}
      </Text>
      <CasesFilters filters={filters} onChange={onChange} />
      {filters.account && (
        <Group gap="sm" mb="sm">
          <Text size="sm" fw={500}>
            {t('filters.accountOnly', { account: rows[0]?.account.name ?? filters.account })}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...filters, account: null })}>
            {t('filters.allAccounts')}
          </Button>
        </Group>
      )}
      <VisuallyHidden role="status">
        {cases.isFetching && !cases.isFetchingNextPage ? tApp('app.loading') : cases.isSuccess ? t('list.shown', { count: rows.length }) : ''}
      </VisuallyHidden>
      {cases.isPending ? (
        <PageLoader />
      ) : cases.isError && rows.length === 0 ? (
        <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" mt="md">
          {t('list.empty')}
        </Text>
      ) : (
        <>
          <CasesTable cases={rows} search={search} />
          {cases.isFetchNextPageError && <QueryError error={cases.error} onRetry={() => void cases.fetchNextPage()} />}
          <LoadMore hasMore={cases.hasNextPage} loading={cases.isFetchingNextPage} onLoadMore={() => void cases.fetchNextPage()} />
        </>
      )}
    </Card>
  );
}
