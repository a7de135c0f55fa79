import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import type { StaffInvoiceSummary } from '../api/staff-invoices';
import { useStaffInvoicesTranslation } from '../i18n/register';
import { formatDay, formatMoney } from '../money';
import { InvoiceStatusBadge } from './status-badge';

/** The list: a table on wide screens, cards on phones; the number (or „Entwurf“) links to the invoice. */
export function InvoicesTable({ invoices, search }: { invoices: StaffInvoiceSummary[]; search: string }) {
  const { t, locale } = useStaffInvoicesTranslation();
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  return (
    <DataTable<StaffInvoiceSummary>
      label={t('list.table')}
      rows={invoices}
      rowKey={(inv) => inv.id}
      columns={[
        {
          key: 'number',
          header: t('list.number'),
          cell: (inv) => (
            <Anchor component={Link} to={`/console/invoices/${inv.id}`} state={{ from: search }} fw={600}>
              {inv.number ? (
                <Text span ff="monospace" inherit>
                  {inv.number}
                </Text>
              ) : (
                t('list.noNumber')
              )}
            </Anchor>
          ),
        },
        {
          key: 'account',
          header: t('list.account'),
          cell: (inv) => (
            <>
              <Text span size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
                {inv.account.name}
              </Text>
              <Text span size="xs" c="dimmed" display="block">
                {inv.account.number}
              </Text>
            </>
          ),
        },
        { key: 'status', header: t('list.status'), cell: (inv) => <InvoiceStatusBadge invoice={inv} /> },
        {
          key: 'issued',
          header: t('list.issued'),
          nowrap: true,
          cell: (inv) =>
            inv.issueDate ? (inv.status === 'draft' ? t('list.planned', { date: formatDay(inv.issueDate, locale) }) : formatDay(inv.issueDate, locale)) : '–',
        },
        { key: 'due', header: t('list.due'), nowrap: true, cell: (inv) => formatDay(inv.dueDate, locale) },
        { key: 'total', header: t('list.total'), align: 'end', nowrap: true, cell: (inv) => money(inv.total, inv.currency) },
        {
          key: 'balance',
          header: t('list.balance'),
          align: 'end',
          nowrap: true,
          cell: (inv) => (inv.status === 'open' || inv.status === 'uncollectible' ? money(inv.balance, inv.currency) : '–'),
        },
      ]}
    />
  );
}
