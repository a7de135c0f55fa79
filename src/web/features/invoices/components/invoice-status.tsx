import { Badge } from '@mantine/core';
import type { InvoiceSummary } from '../api/invoices';
import { useInvoicesTranslation } from '../i18n/register';

/**
 * The invoice's state as a badge: overdue ones in red with the days past due (so they stand out in
 * "Unbezahlt"), partly paid ones say so; colours meet contrast in both schemes (filled/light).
 */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<InvoiceSummary, 'status' | 'overdue' | 'daysOverdue' | 'amountPaid' | 'balance'> }) {
  const { t } = useInvoicesTranslation();
  const label = { overflow: 'visible' } as const;
  if (invoice.overdue) {
    return (
      <Badge color="red.8" variant="filled" styles={{ label }}>
        {t('status.overdue', { count: invoice.daysOverdue })}
      </Badge>
    );
  }
  if ((invoice.status === 'open' || invoice.status === 'uncollectible') && invoice.amountPaid > 0) {
    return (
      <Badge color="yellow" variant="light" styles={{ label }}>
        {t('status.partlyPaid')}
      </Badge>
    );
  }
  const color = { draft: 'gray', open: 'blue', paid: 'green', void: 'gray', uncollectible: 'orange' }[invoice.status];
  return (
    <Badge color={color} variant="light" styles={{ label }}>
      {t(`status.${invoice.status}`)}
    </Badge>
  );
}
