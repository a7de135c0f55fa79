import '@mantine/charts/styles.css';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Box } from '@mantine/core';
import type { ChartPoint } from '../api/reports';
import type { ReportId } from '../report-filters';
import { currencyDigits, splitSeriesKey } from '../report-format';
import { useReportLabels } from './use-labels';

const COLORS = ['indigo.7', 'teal.7', 'orange.7', 'grape.7', 'cyan.8', 'red.7', 'lime.8', 'gray.6'];

/**
 * The report's chart. It is a picture of the table beside it: one `role="img"` with a name that
 * says so, and recharts' own keyboard layer switched off (the table is the accessible version).
 */
export function ReportChart({
  reportId,
  breakdown = null,
  kind,
  keys,
  points,
  title,
  money,
}: {
  reportId: ReportId;
  breakdown?: string | null;
  kind: 'bar' | 'line' | 'donut';
  keys: string[];
  points: ChartPoint[];
  title: string;
  money?: boolean;
}) {
  const { t, pointLabel, seriesLabel, format } = useReportLabels();
  // Money arrives in minor units; the chart shows each currency's major unit.
  const major = (key: string, value: number) => {
    const { currency } = splitSeriesKey(key);
    return money && currency ? value / 10 ** currencyDigits(currency) : value;
  };
  const data = points.map((p) => ({
    label: pointLabel(reportId, breakdown, p.label),
    ...Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, major(k, v)])),
  }));
  const series = keys.map((key, i) => ({ name: key, label: seriesLabel(key), color: COLORS[i % COLORS.length] as string }));
  const valueFormatter = (value: number) => format.number(value);
  const name = t('chart.label', { title });

  return (
    <Box role="img" aria-label={name} my="md">
      {kind === 'donut' ? (
        <DonutChart
          data={data.map((d, i) => ({ name: d.label, value: Number(d[keys[0] as keyof typeof d] ?? 0), color: COLORS[i % COLORS.length] as string }))}
          withLabelsLine={false}
          withTooltip={false}
          size={160}
          thickness={28}
          pieChartProps={{ accessibilityLayer: false }}
        />
      ) : kind === 'line' ? (
        <LineChart
          h={260}
          data={data}
          dataKey="label"
          series={series}
          withLegend
          withTooltip={false}
          curveType="linear"
          valueFormatter={valueFormatter}
          lineChartProps={{ accessibilityLayer: false }}
          yAxisProps={{ allowDecimals: Boolean(money) }}
        />
      ) : (
        <BarChart
          h={260}
          data={data}
          dataKey="label"
          series={series}
          withLegend
          withTooltip={false}
          type={reportId === 'key-inventory' ? 'stacked' : 'default'}
          valueFormatter={valueFormatter}
          barChartProps={{ accessibilityLayer: false }}
          yAxisProps={{ allowDecimals: Boolean(money) }}
        />
      )}
    </Box>
  );
}
