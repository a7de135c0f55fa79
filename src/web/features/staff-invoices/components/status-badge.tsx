import { Badge, Group } from '@mantine/core';
import type { StaffInvoiceSummary } from '../api/staff-invoices';
import { useStaffInvoicesTranslation } from '../i18n/register';

const COLOR = { draft: 'gray', open: 'blue', paid: 'teal', void: 'dark', uncollectible: 'orange' } as const;

/** The invoice's status in words (a scheduled draft reads „Geplant“), plus „Überfällig“ when it is. */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<StaffInvoiceSummary, 'status' | 'scheduled' | 'overdue'> }) {
  const { t } = useStaffInvoicesTranslation();
  const scheduled = invoice.status === 'draft' && invoice.scheduled;
  return (
    <Group gap={4} wrap="wrap" data-testid="invoice-status">
      <Badge variant="light" color={scheduled ? 'violet' : COLOR[invoice.status]} autoContrast>
        {t(scheduled ? 'statuses.scheduled' : `statuses.${invoice.status}`)}
      </Badge>
      {invoice.overdue && (
        <Badge variant="filled" color="red.9">
          {t('statuses.overdue')}
        </Badge>
      )}
    </Group>
  );
}
