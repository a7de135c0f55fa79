import { ActionIcon, Button, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { CheckIcon, CopyIcon } from '../../../components/icons';
import { useFormat } from '../../../lib/format';
import type { BankTransfer } from '../api/invoices';
import { useInvoicesTranslation } from '../i18n/register';
import { formatMoney } from '../money';

/** IBAN, BIC, holder, reference (the invoice number) and amount, each with a copy button. */
export function BankTransferDialog({ transfer, onClose }: { transfer: BankTransfer | null; onClose: () => void }) {
  const { t, language } = useInvoicesTranslation();
  const format = useFormat();
  if (!transfer) return null;
  const amount = formatMoney(transfer.amount, transfer.currency, language);
  // What is copied is what a banking app accepts: the IBAN without spaces, the amount as a plain decimal.
  const plainAmount = (transfer.amount / 100).toFixed(2).replace('.', language === 'de' ? ',' : '.');
  const rows: { label: string; shown: string; copy?: string }[] = [
    { label: t('payment.holder'), shown: transfer.accountHolder, copy: transfer.accountHolder },
    { label: t('payment.iban'), shown: transfer.iban.replace(/(.{4})/g, '$1 ').trim(), copy: transfer.iban.replace(/\s/g, '') },
    ...(transfer.bic ? [{ label: t('payment.bic'), shown: transfer.bic, copy: transfer.bic }] : []),
    ...(transfer.bankName ? [{ label: t('payment.bank'), shown: transfer.bankName }] : []),
    { label: t('payment.reference'), shown: transfer.reference, copy: transfer.reference },
    { label: t('payment.amount'), shown: amount, copy: plainAmount },
    { label: t('payment.dueDate'), shown: format.date(transfer.dueDate) },
  ];
  return (
    <Modal opened onClose={onClose} title={t('payment.bankTitle')} size="lg" closeButtonProps={{ 'aria-label': t('payment.close') }}>
      <Stack gap="md">
        <Text size="sm">{t('payment.bankIntro')}</Text>
        <Stack component="dl" gap="xs" m={0}>
          {rows.map((row) => (
            <Group key={row.label} justify="space-between" wrap="nowrap" gap="sm" align="center">
              <div style={{ minWidth: 0 }}>
                <Text component="dt" size="xs" c="dimmed">
                  {row.label}
                </Text>
                <Text component="dd" m={0} fw={500} ff={row.copy && row.label !== t('payment.holder') ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {row.shown}
                </Text>
              </div>
              {row.copy && (
                <CopyButton value={row.copy} timeout={2000}>
                  {({ copied, copy }) => (
                    <ActionIcon
                        variant={copied ? 'filled' : 'default'}
                        color={copied ? 'teal.8' : undefined}
                        size="lg"
                        onClick={copy}
                        aria-label={copied ? t('payment.copied', { what: row.label }) : t('payment.copy', { what: row.label })}
                      >
                        {copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                      </ActionIcon>
                  )}
                </CopyButton>
              )}
            </Group>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('payment.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
