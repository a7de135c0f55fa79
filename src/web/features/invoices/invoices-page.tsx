import './i18n/register';
import { Card, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useInvoices } from './api/invoices';
import { InvoiceTabs } from './components/invoice-tabs';
import { InvoicesFilters } from './components/invoices-filters';
import { InvoicesTable } from './components/invoices-table';
import { TabTotals } from './components/tab-totals';
import { filtersFromSearch, filtersToQuery, hasFilters, type InvoiceListFilters } from './invoice-filters';
import { useInvoicesTranslation } from './i18n/register';

/** Rechnungen (`/invoices`): three tabs with counts and totals, search by number, date range, load more. */
export function InvoicesPage() {
  const me = useMe();
  if (!me.areas.includes('invoices') || !me.account) return <NotFound />;
  return <InvoiceList accountId={me.account.id} />;
}

function InvoiceList({ accountId }: { accountId: string }) {
  const { t, tApp } = useInvoicesTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const listSearch = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(listSearch)), [listSearch]);
  useDocumentTitle(t(`tabs.${filters.tab}`), t('list.title'));

  const changeFilters = useCallback(
    (next: InvoiceListFilters) => {
      // Typing in the search box replaces the entry; choosing a range is a step back can undo.
      setSearchParams(filtersToQuery(next), { replace: next.q !== filters.q });
    },
    [filters.q, setSearchParams],
  );

  const invoices = useInvoices(accountId, filters);
  const rows = invoices.data?.pages.flatMap((page) => page.data) ?? [];
  const totals = invoices.data?.pages[0]?.totals ?? undefined;

  return (
    <>
      <Title order={1} mb="md">
        {t('list.title')}
      </Title>
      <InvoiceTabs filters={filters} totals={totals} />
      <Card withBorder component="section" aria-labelledby="invoices-tab-title">
        <Group justify="space-between" align="baseline" gap="sm" mb="sm">
          <Title order={2} size="h3" id="invoices-tab-title">
            {t(`tabs.${filters.tab}`)}
          </Title>
        </Group>
        <TabTotals tab={filters.tab} totals={totals} />
        <InvoicesFilters filters={filters} onChange={changeFilters} />
        <VisuallyHidden role="status">
          {invoices.isFetching && !invoices.isFetchingNextPage
            ? tApp('app.loading')
            : invoices.isSuccess
              ? t(invoices.hasNextPage ? 'list.shownMore' : 'list.shown', { count: rows.length })
              : ''}
        </VisuallyHidden>
        {invoices.isPending ? (
          <PageLoader />
        ) : invoices.isError && rows.length === 0 ? (
          <QueryError error={invoices.error} onRetry={() => void invoices.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm">{hasFilters(filters) ? t('list.emptyFiltered') : t('list.empty')}</Text>
        ) : (
          <>
            <InvoicesTable invoices={rows} listSearch={listSearch} />
            {invoices.isFetchNextPageError && <QueryError error={invoices.error} onRetry={() => void invoices.fetchNextPage()} />}
            <LoadMore hasMore={invoices.hasNextPage} loading={invoices.isFetchingNextPage} onLoadMore={() => void invoices.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
