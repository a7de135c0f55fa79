import { LinkTabs } from '../../../components/link-tabs';
import { withQuery } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import type { InvoiceListPage } from '../api/invoices';
import { filtersToQuery, INVOICE_TABS, type InvoiceListFilters } from '../invoice-filters';
import { useInvoicesTranslation } from '../i18n/register';

/** Demnächst fällig, Unbezahlt, Ältere Rechnungen, each with how many invoices it holds. */
export function InvoiceTabs({ filters, totals }: { filters: InvoiceListFilters; totals: InvoiceListPage['totals'] | undefined }) {
  const { t } = useInvoicesTranslation();
  const format = useFormat();
  return (
    <LinkTabs
      label={t('list.tabsLabel')}
      current={filters.tab}
      tabs={INVOICE_TABS.map((tab) => {
        const count = totals?.[tab]?.count;
        return {
          key: tab,
          label: t(`tabs.${tab}`),
          to: withQuery('/invoices', filtersToQuery({ ...filters, tab })),
          count,
          countLabel: count === undefined ? undefined : t('list.count', { count, formatted: format.number(count) }),
        };
      })}
    />
  );
}
