import './i18n/register';
import { Button, Card, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useStaffInvoices } from './api/staff-invoices';
import { InvoicesFilters } from './components/invoices-filters';
import { InvoicesTable } from './components/invoices-table';
import { useStaffInvoicesTranslation } from './i18n/register';
import { filtersFromSearch, filtersToSearch, type InvoiceListFilters } from './invoice-filters';

/** Console → Rechnungen: every customer's invoices, for billing staff and staff admins. */
export function StaffInvoicesPage() {
  const me = useMe();
  if (!me.abilities.manageInvoices) return <NotFound headingOrder={2} />;
  return <StaffInvoices />;
}

function StaffInvoices() {
  const { t, tApp } = useStaffInvoicesTranslation();
  useDocumentTitle(t('title'), tApp('console.title'));
  const { search, state } = useLocation();
  // „Entwurf gelöscht“ from the invoice page the user came from.
  const notice = typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string' ? state.notice : '';
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const onChange = useCallback((next: InvoiceListFilters) => setSearchParams(filtersToSearch(next), { replace: true }), [setSearchParams]);
  const invoices = useStaffInvoices(filters);
  const rows = invoices.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="staff-invoices-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <Title order={2} size="h3" id="staff-invoices-title">
          {t('title')}
        </Title>
        <Button component={Link} to="/console/invoices/new">
          {t('new')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('intro')}
      </Text>
      <Text role="status" size="sm" c="teal.9" fw={500} mb={notice ? 'sm' : 0}>
        {notice}
      </Text>
      <InvoicesFilters filters={filters} onChange={onChange} />
      <VisuallyHidden role="status">
        {invoices.isFetching && !invoices.isFetchingNextPage ? tApp('app.loading') : invoices.isSuccess ? t('list.shown', { count: rows.length }) : ''}
      </VisuallyHidden>
      {invoices.isPending ? (
        <PageLoader />
      ) : invoices.isError && rows.length === 0 ? (
        <QueryError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" mt="md">
          {t('list.empty')}
        </Text>
      ) : (
        <>
          <InvoicesTable invoices={rows} search={search} />
          {invoices.isFetchNextPageError && <QueryError error={invoices.error} onRetry={() => void invoices.fetchNextPage()} />}
          <LoadMore hasMore={invoices.hasNextPage} loading={invoices.isFetchingNextPage} onLoadMore={() => void invoices.fetchNextPage()} />
        </>
      )}
    </Card>
  );
}
