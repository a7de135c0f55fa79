import { Group, Text } from '@mantine/core';
import type { InvoiceListPage, InvoiceTab } from '../api/invoices';
import { useInvoicesTranslation } from '../i18n/register';
import { formatMoney } from '../money';

/** The shown tab's sums, one line per currency (an account may be billed in several); filters applied. */
export function TabTotals({ tab, totals }: { tab: InvoiceTab; totals: InvoiceListPage['totals'] | undefined }) {
  const { t, language } = useInvoicesTranslation();
  const amounts = totals?.[tab]?.amounts ?? [];
  if (amounts.length === 0) return null;
  return (
    <dl aria-label={t('list.totalsLabel')} style={{ margin: '0 0 var(--mantine-spacing-sm)' }} data-testid="tab-totals">
      {amounts.map((a) => (
        <Group key={a.currency} gap={6} mb={4} wrap="wrap">
          <Text component="dt" size="sm" c="dimmed">
            {t('list.totalAmount')} ({a.currency})
          </Text>
          <Text component="dd" size="sm" fw={600} m={0} mr="md">
            {formatMoney(a.total, a.currency, language)}
          </Text>
          {tab !== 'older' && (
            <>
              <Text component="dt" size="sm" c="dimmed">
                {t('list.openAmount')} ({a.currency})
              </Text>
              <Text component="dd" size="sm" fw={600} m={0}>
                {formatMoney(a.balance, a.currency, language)}
              </Text>
            </>
          )}
        </Group>
      ))}
    </dl>
  );
}
