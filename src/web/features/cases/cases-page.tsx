import './i18n/register';
import { Button, Card, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useCaseCounts } from './api/get-case-counts';
import { useCases } from './api/get-cases';
import { useFormOptions } from './api/get-form-options';
import { type CaseListFilters, filtersFromSearch, filtersToQuery, hasFilters } from './case-filters';
import { CasesFilters } from './components/cases-filters';
import { CasesTable } from './components/cases-table';
import { ViewTabs } from './components/view-tabs';
import { useCasesTranslation } from './i18n/register';

/** Meine Fälle (`/cases`): the five views with counts, search, filters, sort, load more and CSV. */
export function CasesPage() {
  const me = useMe();
  if (!me.areas.includes('cases') || !me.account) return <NotFound />;
  return <CaseList accountId={me.account.id} canCreate={me.abilities.createCases} />;
}

function CaseList({ accountId, canCreate }: { accountId: string; canCreate: boolean }) {
  const { t, tApp } = useCasesTranslation();
  useDocumentTitle(t('list.title'), tApp('nav.cases'));
  const [searchParams, setSearchParams] = useSearchParams();
  const listSearch = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(listSearch)), [listSearch]);

  const changeFilters = useCallback(
    (next: CaseListFilters) => {
      // Typing in the search box replaces the entry; choosing a filter is a step back can undo.
      setSearchParams(filtersToQuery(next), { replace: next.q !== filters.q });
    },
    [filters.q, setSearchParams],
  );

  const cases = useCases(accountId, filters);
  const counts = useCaseCounts(accountId);
  const options = useFormOptions(accountId);
  const rows = cases.data?.pages.flatMap((page) => page.data) ?? [];
  // Without a view in the address the server shows the one chosen last and says which.
  const view = filters.view ?? cases.data?.pages[0]?.view ?? null;

  return (
    <>
      <Group justify="space-between" align="flex-end" gap="sm" mb="md">
        <Title order={1}>{t('list.title')}</Title>
        {canCreate && (
          <Button component={Link} to="/cases/new">
            {t('new.title')}
          </Button>
        )}
      </Group>
      <ViewTabs filters={filters} current={view} counts={counts.data?.data} />
      <Card withBorder component="section" aria-labelledby="cases-view-title">
        <Title order={2} size="h3" id="cases-view-title" mb="sm">
          {view ? t(`views.${view}`) : t('list.title')}
        </Title>
        <CasesFilters filters={filters} view={view} options={options.data} onChange={changeFilters} />
        <VisuallyHidden role="status">
          {cases.isFetching && !cases.isFetchingNextPage
            ? tApp('app.loading')
            : cases.isSuccess
              ? t(cases.hasNextPage ? 'list.shownMore' : 'list.shown', { count: rows.length })
              : ''}
        </VisuallyHidden>
        {cases.isPending ? (
          <PageLoader />
        ) : cases.isError && rows.length === 0 ? (
          <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm">{hasFilters(filters) ? t('list.emptyFiltered') : t('list.empty')}</Text>
        ) : (
          <>
            <CasesTable cases={rows} listSearch={listSearch} />
            {cases.isFetchNextPageError && <QueryError error={cases.error} onRetry={() => void cases.fetchNextPage()} />}
            <LoadMore hasMore={cases.hasNextPage} loading={cases.isFetchingNextPage} onLoadMore={() => void cases.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
