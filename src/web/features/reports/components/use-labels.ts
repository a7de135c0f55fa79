import { useFormat } from '../../../lib/format';
import type { Cell } from '../api/reports';
import { useReportsTranslation } from '../i18n/register';
import { formatDay, formatMoney, formatMonth, splitSeriesKey } from '../report-format';
import type { ReportId } from '../report-filters';

/**
 * How a report's values read for a person: the server sends codes (statuses, buckets, weeks,
 * minor units); this turns them into the user's language and number formats.
 */
export function useReportLabels() {
  const { t, language, exists } = useReportsTranslation();
  const format = useFormat();
  // The namespaces are typed; the codes come from the server, so look them up by string.
  const tx = (key: string, vars?: Record<string, unknown>) => t(key as never, vars as never) as unknown as string;

  const title = (id: ReportId) => tx(`reports.${id}.title`);
  const column = (name: string) => tx(`columns.${name}`);

  /** A point's label on the chart's axis and in the table's first column. */
  function pointLabel(reportId: ReportId, breakdown: string | null, label: string): string {
    if (breakdown === null) {
      if (reportId === 'activations' || reportId === 'cases') return formatDay(label, language);
      if (reportId === 'invoices') return formatMonth(label, language);
      if (reportId === 'maintenance') return tx(`values.bucket.${label}`);
      return label;
    }
    if (breakdown === 'byStatus') return tx(`values.status.${label}`);
    if (breakdown === 'byAssignment') return tx(`values.assignment.${label}`);
    if (breakdown === 'byKeyGroup') return label || tx('values.noGroup');
    if (breakdown === 'versions') return label || tx('values.unknownVersion');
    if (breakdown === 'byType') return tx(`values.type.${label}`);
    if (breakdown === 'bySeverity') return tx(`values.severity.${label}`);
    if (breakdown === 'ageing') return tx(`values.ageing.${label}`);
    return label;
  }

  /** A series' name in the legend and the table header ("Berechnet (EUR)"). */
  function seriesLabel(key: string): string {
    const { measure, currency } = splitSeriesKey(key);
    if (currency) return tx(`series.${measure}`, { currency });
    if (exists(`series.${measure}`)) return tx(`series.${measure}`);
    if (/^[A-Z]{3}$/.test(key)) return key;
    return exists(`columns.${key}`) ? column(key) : key;
  }

  /** One table cell: dates, weeks and months as dates, money in its currency, codes in words. */
  function cell(reportId: ReportId, name: string, value: Cell, row: Record<string, Cell>): string {
    if (value === null || value === '') {
      if (name === 'keyGroup') return tx('values.noGroup');
      return '–';
    }
    if (typeof value === 'boolean') return value ? tx('values.yes') : tx('values.no');
    if (name === 'week') return formatDay(String(value), language);
    if (name === 'month') return formatMonth(String(value), language);
    if (name === 'maintenanceEnd') return format.date(String(value));
    if (name === 'lastSeenAt') return format.dateTime(String(value));
    if (name === 'status') return tx(`values.status.${value}`);
    if (name === 'type') return tx(`values.type.${value}`);
    if (name === 'severity') return tx(`values.severity.${value}`);
    if (reportId === 'invoices' && (name === 'billed' || name === 'paid') && typeof value === 'number' && typeof row.currency === 'string') {
      return formatMoney(value, row.currency, language);
    }
    if (typeof value === 'number') return format.number(value);
    return String(value);
  }

  return { t, tx, language, title, column, pointLabel, seriesLabel, cell, format };
}
