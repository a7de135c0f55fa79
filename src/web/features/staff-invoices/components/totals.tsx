import { Group, Stack, Text } from '@mantine/core';
import { useStaffInvoicesTranslation } from '../i18n/register';
import { formatMoney } from '../money';

/** Zwischensumme, Steuer, Gesamtbetrag (and, for an issued invoice, paid and balance), right-aligned. */
export function Totals({
  currency,
  subtotal,
  tax,
  total,
  paid,
  live = false,
}: {
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  paid?: { amountPaid: number; balance: number } | undefined;
  live?: boolean;
}) {
  const { t, locale } = useStaffInvoicesTranslation();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const row = (label: string, value: string, strong = false) => (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap={4} ml="auto" w={{ base: '100%', xs: 320 }} aria-live={live ? 'polite' : undefined} data-testid="invoice-totals">
      {row(t('form.subtotal'), money(subtotal))}
      {row(t('form.tax'), money(tax))}
      {row(t('form.total'), money(total), true)}
      {paid && row(t('invoice.amountPaid'), money(paid.amountPaid))}
      {paid && row(t('invoice.balance'), money(paid.balance), true)}
    </Stack>
  );
}
