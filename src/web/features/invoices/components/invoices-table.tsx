import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { InvoiceSummary } from '../api/invoices';
import { useInvoicesTranslation } from '../i18n/register';
import { formatMoney } from '../money';
import { InvoiceStatusBadge } from './invoice-status';

/** Overdue due dates in red that keeps 4.5:1 on the striped rows, in both colour schemes. */
const OVERDUE_COLOR = 'light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))';

/** Where an invoice page's "back" link returns to: the list with the tab and filters it was opened from. */
export type InvoiceLinkState = { listSearch: string };

/** One tab's invoices: a table on wide screens, cards on phones (the number heads each card). */
export function InvoicesTable({ invoices, listSearch }: { invoices: InvoiceSummary[]; listSearch: string }) {
  const { t, language } = useInvoicesTranslation();
  const format = useFormat();
  const state: InvoiceLinkState = { listSearch };
  const money = (minor: number, currency: string) => formatMoney(minor, currency, language);
  return (
    <DataTable
      label={t('list.table')}
      rows={invoices}
      rowKey={(i) => i.id}
      columns={[
        {
          key: 'number',
          header: t('list.columns.number'),
          nowrap: true,
          cell: (i) => (
            <Anchor component={Link} to={`/invoices/${i.id}`} state={state} size="sm" fw={500} ff="monospace">
              {i.number ?? (i.issueDate ? t('list.plannedFor', { date: format.date(i.issueDate) }) : t('list.planned'))}
            </Anchor>
          ),
        },
        { key: 'status', header: t('list.columns.status'), cell: (i) => <InvoiceStatusBadge invoice={i} /> },
        {
          key: 'issueDate',
          header: t('list.columns.issueDate'),
          nowrap: true,
          cell: (i) => (i.issueDate ? <time dateTime={i.issueDate}>{format.date(i.issueDate)}</time> : '–'),
        },
        {
          key: 'dueDate',
          header: t('list.columns.dueDate'),
          nowrap: true,
          cell: (i) => (
            <Text span size="sm" fw={i.overdue ? 600 : undefined} style={i.overdue ? { color: OVERDUE_COLOR } : undefined}>
              <time dateTime={i.dueDate}>{format.date(i.dueDate)}</time>
            </Text>
          ),
        },
        { key: 'total', header: t('list.columns.total'), align: 'end', nowrap: true, cell: (i) => money(i.total, i.currency) },
        {
          key: 'balance',
          header: t('list.columns.balance'),
          align: 'end',
          nowrap: true,
          cell: (i) => (i.status === 'void' ? '–' : money(i.balance, i.currency)),
        },
      ]}
    />
  );
}
