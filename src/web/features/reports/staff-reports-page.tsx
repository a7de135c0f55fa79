import './i18n/register';
import { Card, NativeSelect, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { apiRequest } from '../../lib/api-client';
import { useMe } from '../../lib/me';
// The console's account picker, shared with Product Keys rather than built twice (see README).
import { AccountSelect } from '../../components/account-select';
import { type Facets, type ReportInfo, reportBase, type ReportSource, useReport, useReportList } from './api/reports';
import { ExportButtons } from './components/export-buttons';
import { ReportFiltersForm } from './components/report-filters-form';
import { ReportView } from './components/report-view';
import { useReportLabels } from './components/use-labels';
import { useReportsTranslation } from './i18n/register';
import { exportHref, filtersFromSearch, filtersToQuery, isReportId, type ReportFilters } from './report-filters';

/** The console's Berichte (`/console/reports`): the customers' reports across all accounts or one. */
export function StaffReportsPage() {
  const me = useMe();
  if (!me.abilities.runStaffReports) return <NotFound headingOrder={2} />;
  return <StaffReports />;
}

function StaffReports() {
  const { t, tApp } = useReportsTranslation();
  useDocumentTitle(t('staff.title'), tApp('nav.console'));
  const [searchParams] = useSearchParams();
  const accountId = searchParams.get('accountId');
  const source: ReportSource = useMemo(() => ({ kind: 'staff', accountId: accountId || null }), [accountId]);
  const list = useReportList(source);
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return <StaffReport source={source} reports={list.data} />;
}

function StaffReport({ source, reports }: { source: ReportSource; reports: ReportInfo[] }) {
  const { t, language } = useReportsTranslation();
  const { title } = useReportLabels();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const wanted = searchParams.get('report');
  const info = reports.find((r) => r.id === wanted) ?? reports[0];
  // Key groups belong to one account; the console filters by product instead.
  const allowed = useMemo(() => info?.filters.filter((f) => f !== 'keyGroup') ?? [], [info]);
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search), allowed), [search, allowed]);
  const products = useQuery({
    queryKey: ['staff', 'report-products'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: { id: string; name: string }[] }>('/api/v1/staff/products', { signal })).data,
    enabled: allowed.includes('product'),
    staleTime: 60_000,
  });
  const facets: Facets | undefined = products.data ? { products: products.data.map(({ id, name }) => ({ id, name })), keyGroups: [] } : undefined;
  const report = useReport(source, info && isReportId(info.id) ? info.id : 'key-inventory', filters, Boolean(info));

  const go = useCallback(
    (next: { report?: string; accountId?: string | null; filters?: ReportFilters }) => {
      const query: Record<string, string> = {};
      const id = next.report ?? info?.id;
      if (id) query.report = id;
      const account = next.accountId === undefined ? source.accountId : next.accountId;
      if (account) query.accountId = account;
      Object.assign(query, filtersToQuery(next.filters ?? (next.report ? {} : filters)));
      setSearchParams(query);
    },
    [filters, info, setSearchParams, source.accountId],
  );

  if (!info) return <NotFound headingOrder={2} />;
  const currencies = report.data ? Object.keys((report.data.totals.billed as Record<string, number> | undefined) ?? {}) : [];

  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="staff-report-title">
        <Title order={2} size="h3" id="staff-report-title">
          {t('staff.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('staff.intro')}
        </Text>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('staff.report')}
              value={info.id}
              onChange={(e) => go({ report: e.currentTarget.value })}
              data={reports.map((r) => ({ value: r.id, label: title(r.id) }))}
            />
            <AccountSelect
              label={t('staff.account')}
              placeholder={t('staff.allAccounts')}
              value={source.accountId ?? ''}
              clearable
              onChange={(account) => go({ accountId: account?.id ?? null })}
            />
          </SimpleGrid>
          <ReportFiltersForm
            allowed={allowed}
            filters={filters}
            facets={facets}
            currencies={currencies}
            defaults={report.data?.filters ?? {}}
            onChange={(next) => go({ filters: next })}
          />
        </Stack>
      </Card>
      <VisuallyHidden role="status">{report.isFetching ? t('common.loading') : ''}</VisuallyHidden>
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportView result={report.data} />
      )}
      <Card withBorder component="section" aria-labelledby="staff-export-title">
        <Title order={2} size="h4" id="staff-export-title" mb="sm">
          {t('export.title')}
        </Title>
        <ExportButtons
          href={(format) => exportHref(reportBase(source, info.id as never), filters, format, language, source.accountId ? { accountId: source.accountId } : {})}
          fallbackName={(format) => `${info.id}.${format}`}
        />
      </Card>
    </Stack>
  );
}
