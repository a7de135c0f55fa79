import { Badge, Button, Group, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { withQuery } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import type { InvoiceListPage, InvoiceTab } from '../api/invoices';
import { filtersToQuery, INVOICE_TABS, type InvoiceListFilters } from '../invoice-filters';
import { useInvoicesTranslation } from '../i18n/register';

/** Demnächst fällig, Unbezahlt, Ältere Rechnungen: links (each tab has its own address, filters kept) with counts. */
export function InvoiceTabs({ filters, totals }: { filters: InvoiceListFilters; totals: InvoiceListPage['totals'] | undefined }) {
  const { t } = useInvoicesTranslation();
  const format = useFormat();
  return (
    <Group component="nav" aria-label={t('list.tabsLabel')} gap={6} mb="md">
      {INVOICE_TABS.map((tab: InvoiceTab) => {
        const active = tab === filters.tab;
        const count = totals?.[tab]?.count;
        return (
          <Button
            key={tab}
            component={Link}
            to={withQuery('/invoices', filtersToQuery({ ...filters, tab }))}
            variant={active ? 'light' : 'subtle'}
            aria-current={active ? 'page' : undefined}
            size="sm"
            px="sm"
            rightSection={
              count === undefined ? undefined : (
                <Badge variant={active ? 'filled' : 'light'} color={active ? 'indigo.7' : 'gray'} size="sm" styles={{ label: { overflow: 'visible' } }}>
                  <span aria-hidden="true">{format.number(count)}</span>
                  <VisuallyHidden>{t('list.count', { count, formatted: format.number(count) })}</VisuallyHidden>
                </Badge>
              )
            }
          >
            {t(`tabs.${tab}`)}
          </Button>
        );
      })}
    </Group>
  );
}
