import './i18n/register';
import { Anchor, Card, NativeSelect, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { RenewalRequest } from '../../components/renewal-request';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { type ReportInfo, reportBase, type ReportSource, useReport, useReportFacets, useReportList } from './api/reports';
import { ExportButtons } from './components/export-buttons';
import { ReportFiltersForm } from './components/report-filters-form';
import { ReportView } from './components/report-view';
import { SubscribeForm } from './components/subscribe-form';
import { useReportLabels } from './components/use-labels';
import { useReportsTranslation } from './i18n/register';
import { exportHref, filtersFromSearch, filtersToQuery, isReportId, type ReportFilters, type ReportId } from './report-filters';

/** One report (`/reports/:reportId`), its filters in the address so the view can be bookmarked and shared. */
export function ReportPage() {
  const me = useMe();
  const { reportId } = useParams();
  if (!me.areas.includes('reports') || !me.account || !isReportId(reportId)) return <NotFound />;
  return <ReportScreen accountId={me.account.id} reportId={reportId} />;
}

function ReportScreen({ accountId, reportId }: { accountId: string; reportId: ReportId }) {
  const source: ReportSource = useMemo(() => ({ kind: 'customer', accountId }), [accountId]);
  const list = useReportList(source);
  const { tApp } = useReportsTranslation();
  const { title } = useReportLabels();
  useDocumentTitle(title(reportId), tApp('nav.reports'));
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const info = list.data.find((r) => r.id === reportId);
  // A report outside the user's rights (a shared link from a colleague with more) is simply not there.
  if (!info) return <NotFound />;
  return <RunReport source={source} accountId={accountId} info={info} reports={list.data} />;
}

function RunReport({ source, accountId, info, reports }: { source: ReportSource; accountId: string; info: ReportInfo; reports: ReportInfo[] }) {
  const { t, language } = useReportsTranslation();
  const { title } = useReportLabels();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search), info.filters), [search, info.filters]);
  const report = useReport(source, info.id, filters);
  const facets = useReportFacets(accountId, info.filters.includes('product') || info.filters.includes('keyGroup'));
  const change = useCallback((next: ReportFilters) => setSearchParams(filtersToQuery(next)), [setSearchParams]);
  const currencies = report.data ? Object.keys((report.data.totals.billed as Record<string, number> | undefined) ?? {}) : [];

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/reports" size="sm">
          {t('back')}
        </Anchor>
        <Title order={1} mt="xs">
          {title(info.id)}
        </Title>
      </div>
      <Card withBorder component="section" aria-labelledby="report-filters-title">
        <Title order={2} size="h4" id="report-filters-title" mb="sm">
          {t('filters.title')}
        </Title>
        <Stack gap="sm">
          <NativeSelect
            label={t('choose')}
            value={info.id}
            onChange={(e) => navigate(`/reports/${e.currentTarget.value}`)}
            data={reports.map((r) => ({ value: r.id, label: title(r.id) }))}
            maw={360}
          />
          <ReportFiltersForm
            allowed={info.filters}
            filters={filters}
            facets={facets.data}
            currencies={currencies}
            defaults={report.data?.filters ?? {}}
            onChange={change}
          />
        </Stack>
      </Card>
      <VisuallyHidden role="status">{report.isFetching ? t('common.loading') : ''}</VisuallyHidden>
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportView
          result={report.data}
          action={
            info.id === 'maintenance'
              ? {
                  header: t('columns.action'),
                  cell: (row) =>
                    row.requestRenewal === true && typeof row.keyId === 'string' ? (
                      <RenewalRequest keyId={row.keyId} keyLabel={`${String(row.product ?? '')} …${String(row.licenseKey ?? '').slice(-5)}`} button={{ size: 'compact-sm', variant: 'light' }} />
                    ) : null,
                }
              : undefined
          }
        />
      )}
      <Card withBorder component="section" aria-labelledby="export-title">
        <Title order={2} size="h4" id="export-title" mb="sm">
          {t('export.title')}
        </Title>
        <ExportButtons
          href={(format) => exportHref(reportBase(source, info.id), filters, format, language)}
          fallbackName={(format) => `${info.id}.${format}`}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="subscribe-title">
        <Title order={2} size="h4" id="subscribe-title" mb="sm">
          {t('subscribe.title')}
        </Title>
        <SubscribeForm accountId={accountId} reportId={info.id} filters={filters} />
      </Card>
      <Text size="xs" c="dimmed">
        {t('intro')}
      </Text>
    </Stack>
  );
}
