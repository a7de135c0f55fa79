import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { type DataColumn, DataTable } from '../../../components/data-table';
import { DefinitionList } from '../../../components/definition-list';
import type { Cell, ChartPoint, ReportResult } from '../api/reports';
import { formatMoney } from '../report-format';
import { useReportLabels } from './use-labels';

type Row = Record<string, Cell>;

// The charts (recharts) are the largest part of the reports' code: they load after the numbers.
const ReportChart = lazy(async () => ({ default: (await import('./report-chart')).ReportChart }));
const ChartSlot = ({ children }: { children: ReactNode }) => <Suspense fallback={<div style={{ minHeight: 160 }} />}>{children}</Suspense>;

/** The charts of each report's breakdowns (the rest show as tables only). */
const BREAKDOWN_CHARTS: Record<string, 'bar' | 'donut'> = { byStatus: 'donut', byAssignment: 'donut', versions: 'bar', bySeverity: 'bar', ageing: 'bar' };

/**
 * A computed report: its chart with the table beside it as the text alternative, the totals, and
 * the breakdowns (each a small chart and table). `action` adds a last column (the maintenance
 * report's "request renewal").
 */
export function ReportView({ result, action }: { result: ReportResult; action?: { header: string; cell: (row: Row) => ReactNode } }) {
  const { t, tx, title, column, cell, seriesLabel, pointLabel, format, language } = useReportLabels();
  const name = title(result.id);
  const columns: DataColumn<Row>[] = result.table.columns.map((c) => ({
    key: c,
    header: column(c),
    cell: (row) => cell(result.id, c, row[c] ?? null, row),
    align: typeof result.table.rows[0]?.[c] === 'number' ? 'end' : 'start',
    nowrap: c === 'licenseKey' || c === 'maintenanceEnd' || c === 'week',
  }));
  if (action) columns.push({ key: 'action', header: action.header, cell: action.cell });
  const money = result.id === 'invoices';

  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="report-chart-title">
        <Title order={2} size="h4" id="report-chart-title">
          {name}
        </Title>
        <Text size="xs" c="dimmed">
          {t('table.generated', { date: format.dateTime(result.generatedAt) })}
        </Text>
        {result.chart.points.length > 0 && result.chart.keys.length > 0 && (
          <ChartSlot>
            <ReportChart reportId={result.id} kind={result.chart.kind} keys={result.chart.keys} points={result.chart.points} title={name} money={money} />
          </ChartSlot>
        )}
        {result.table.rows.length === 0 ? (
          <Text size="sm">{t('table.empty')}</Text>
        ) : (
          <DataTable label={t('chart.table', { title: name })} columns={columns} rows={result.table.rows} rowKey={(row) => String(row.keyId ?? columns.map((c) => row[c.key]).join('|'))} />
        )}
        {result.truncated && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('table.truncated')}
          </Text>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="report-totals-title">
        <Title order={2} size="h4" id="report-totals-title" mb="sm">
          {t('totals.title')}
        </Title>
        <DefinitionList
          items={Object.entries(result.totals).map(([key, value]) => ({
            term: tx(`totals.${key}`),
            value:
              value === null
                ? '–'
                : typeof value === 'number'
                  ? key.endsWith('Hours')
                    ? t('totals.hours', { hours: format.number(value) })
                    : format.number(value)
                  : Object.entries(value)
                      .map(([currency, amount]) => formatMoney(amount, currency, language))
                      .join(' · ') || '–',
          }))}
        />
      </Card>

      {Object.entries(result.lists ?? {}).map(([key, list]) => (
        <Card key={key} withBorder component="section" aria-labelledby={`list-${key}`}>
          <Title order={2} size="h4" id={`list-${key}`} mb="sm">
            {tx(`lists.${key}`)}
          </Title>
          {list.rows.length === 0 ? (
            <Text size="sm">{t('lists.empty')}</Text>
          ) : (
            <DataTable
              label={t('chart.table', { title: tx(`lists.${key}`) })}
              columns={list.columns.map((c) => ({ key: c, header: column(c), cell: (row: Row) => cell(result.id, c, row[c] ?? null, row), nowrap: c === 'lastSeenAt' }))}
              rows={list.rows}
              rowKey={(row) => String(row.id ?? list.columns.map((c) => String(row[c])).join('|'))}
            />
          )}
        </Card>
      ))}

      {Object.entries(result.breakdowns).filter(([, points]) => points.length > 0).length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {Object.entries(result.breakdowns)
            .filter(([, points]) => points.length > 0)
            .map(([key, points]) => (
              <Breakdown key={key} result={result} name={key} points={points} heading={tx(`breakdowns.${key}`)} seriesLabel={seriesLabel} pointLabel={pointLabel} />
            ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function Breakdown({
  result,
  name,
  points,
  heading,
  seriesLabel,
  pointLabel,
}: {
  result: ReportResult;
  name: string;
  points: ChartPoint[];
  heading: string;
  seriesLabel: (key: string) => string;
  pointLabel: (id: ReportResult['id'], breakdown: string | null, label: string) => string;
}) {
  const { t, format, language } = useReportLabels();
  const keys = Object.keys(points[0]?.values ?? {});
  const money = name === 'ageing';
  const id = `breakdown-${name}`;
  const kind = BREAKDOWN_CHARTS[name];
  const columns: DataColumn<ChartPoint>[] = [
    { key: 'label', header: t('columns.label'), cell: (p) => pointLabel(result.id, name, p.label) },
    ...keys.map((k) => ({
      key: k,
      header: seriesLabel(k),
      cell: (p: ChartPoint) => (money ? formatMoney(p.values[k] ?? 0, k, language) : format.number(p.values[k] ?? 0)),
      align: 'end' as const,
    })),
  ];
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {heading}
      </Title>
      {kind && keys.length > 0 && (
        <ChartSlot>
        <ReportChart
          reportId={result.id}
          breakdown={name}
          kind={kind}
          keys={money ? keys.map((k) => `balance:${k}`) : keys}
          points={money ? points.map((p) => ({ label: p.label, values: Object.fromEntries(Object.entries(p.values).map(([k, v]) => [`balance:${k}`, v])) })) : points}
          title={heading}
          money={money}
        />
        </ChartSlot>
      )}
      <DataTable label={t('chart.table', { title: heading })} columns={columns} rows={points} rowKey={(p) => p.label || '—'} />
    </Card>
  );
}
