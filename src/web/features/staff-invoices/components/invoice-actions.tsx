import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type InvoiceAction, type StaffInvoice, staffInvoicePdfUrl, useDeleteDraft, useInvoiceAction } from '../api/staff-invoices';
import { useStaffInvoicesTranslation } from '../i18n/register';
import { formatMoney, parseMoney } from '../money';
import { Dialog } from './dialog';

type Open = 'issue' | 'void' | 'uncollectible' | 'payment' | 'delete' | null;

/** The buttons the invoice's state allows (the server's abilities), each asking first in a dialog. */
export function InvoiceActions({ invoice, onDone }: { invoice: StaffInvoice; onDone: (message: string) => void }) {
  const { t, locale, problem } = useStaffInvoicesTranslation();
  const navigate = useNavigate();
  const action = useInvoiceAction();
  const remove = useDeleteDraft();
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const vars = { account: invoice.account.name, total: money(invoice.total), number: invoice.number ?? '' };
  const a = invoice.abilities;
  const close = () => {
    setOpen(null);
    action.reset();
    remove.reset();
    setReason('');
    setReasonError(false);
  };
  const run = (act: InvoiceAction, message: (inv: StaffInvoice) => string) =>
    action.mutate(
      { invoiceId: invoice.id, action: act },
      {
        onSuccess: (inv) => {
          setOpen(null);
          onDone(message(inv));
        },
      },
    );
  const errorAlert = (error: unknown) =>
    error ? (
      <Alert color="red" variant="light" role="alert">
        <Text size="sm">{problem(error)}</Text>
      </Alert>
    ) : null;
  const buttons = (confirm: { label: string; danger?: boolean; onClick?: () => void; loading: boolean; submit?: boolean }) => (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={close} data-autofocus={confirm.submit ? undefined : true}>
        {t('actions.cancel')}
      </Button>
      <Button color={confirm.danger ? 'red.9' : undefined} loading={confirm.loading} onClick={confirm.onClick} type={confirm.submit ? 'submit' : 'button'}>
        {confirm.label}
      </Button>
    </Group>
  );

  return (
    <>
      <Group gap="sm" wrap="wrap" role="group" aria-label={t('actions.label')}>
        {a.issue && <Button onClick={() => setOpen('issue')}>{t('actions.issue')}</Button>}
        {a.recordPayment && <Button onClick={() => setOpen('payment')}>{t('actions.payment')}</Button>}
        {a.edit && (
          <Button variant="default" component={Link} to={`/console/invoices/${invoice.id}/edit`}>
            {t('actions.edit')}
          </Button>
        )}
        <Button variant="default" component="a" href={staffInvoicePdfUrl(invoice.id)} target="_blank" rel="noopener">
          {t('actions.pdf')}
        </Button>
        {a.markUncollectible && (
          <Button variant="default" onClick={() => setOpen('uncollectible')}>
            {t('actions.uncollectible')}
          </Button>
        )}
        {a.void && (
          <Button variant="default" color="red.9" onClick={() => setOpen('void')}>
            {t('actions.void')}
          </Button>
        )}
        {a.delete && (
          <Button variant="default" color="red.9" onClick={() => setOpen('delete')}>
            {t('actions.delete')}
          </Button>
        )}
      </Group>

      <Dialog opened={open === 'issue'} onClose={close} title={t('actions.issueTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('actions.issueText', vars)}</Text>
          {errorAlert(action.error)}
          {buttons({
            label: t('actions.issue'),
            loading: action.isPending,
            onClick: () => run({ kind: 'issue', version: invoice.version }, (inv) => t('actions.issued', { number: inv.number ?? '' })),
          })}
        </Stack>
      </Dialog>

      <Dialog opened={open === 'delete'} onClose={close} title={t('actions.deleteTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('actions.deleteText', vars)}</Text>
          {errorAlert(remove.error)}
          {buttons({
            label: t('actions.delete'),
            danger: true,
            loading: remove.isPending,
            onClick: () =>
              remove.mutate(
                { invoiceId: invoice.id },
                { onSuccess: () => navigate('/console/invoices', { state: { notice: t('actions.deleted') } }) },
              ),
          })}
        </Stack>
      </Dialog>

      <Dialog opened={open === 'uncollectible'} onClose={close} title={t('actions.uncollectibleTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('actions.uncollectibleText', vars)}</Text>
          {errorAlert(action.error)}
          {buttons({
            label: t('actions.uncollectible'),
            danger: true,
            loading: action.isPending,
            onClick: () => run({ kind: 'uncollectible' }, () => t('actions.uncollectibleDone', vars)),
          })}
        </Stack>
      </Dialog>

      <Dialog opened={open === 'void'} onClose={close} title={t('actions.voidTitle')}>
        <form
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            if (!reason.trim()) {
              setReasonError(true);
              return;
            }
            run({ kind: 'void', reason: reason.trim() }, () => t('actions.voided', vars));
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('actions.voidText', vars)}</Text>
            <Textarea
              label={t('actions.voidReason')}
              required
              data-autofocus
              value={reason}
              maxLength={500}
              error={reasonError && !reason.trim() ? t('actions.voidReasonRequired') : undefined}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            {errorAlert(action.error)}
            {buttons({ label: t('actions.void'), danger: true, loading: action.isPending, submit: true })}
          </Stack>
        </form>
      </Dialog>

      <Dialog opened={open === 'payment'} onClose={close} title={t('actions.paymentTitle')}>
        {open === 'payment' && (
          <PaymentForm
            invoice={invoice}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(payment) =>
              run({ kind: 'payment', payment }, (inv) =>
                inv.status === 'paid'
                  ? t('actions.paymentDonePaid', { amount: money(payment.amount), number: inv.number ?? '' })
                  : t('actions.paymentDone', { amount: money(payment.amount), balance: money(inv.balance) }),
              )
            }
          />
        )}
      </Dialog>
    </>
  );
}

function PaymentForm({
  invoice,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  invoice: StaffInvoice;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (payment: { amount: number; receivedAt: string; reference: string; note: string | null }) => void;
}) {
  const { t, locale, problem } = useStaffInvoicesTranslation();
  const [amount, setAmount] = useState('');
  const [receivedAt, setReceivedAt] = useState(new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const parsed = parseMoney(amount, invoice.currency);
  const amountOk = parsed !== null && parsed > 0 && parsed <= invoice.balance;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!amountOk || !receivedAt || !reference.trim() || parsed === null) return;
        onSubmit({ amount: parsed, receivedAt, reference: reference.trim(), note: note.trim() || null });
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('actions.paymentText', { balance: formatMoney(invoice.balance, invoice.currency, locale) })}</Text>
        <TextInput
          label={t('actions.paymentAmount', { currency: invoice.currency })}
          required
          data-autofocus
          inputMode="decimal"
          value={amount}
          error={tried && !amountOk ? t('actions.paymentAmountInvalid') : undefined}
          onChange={(event) => setAmount(event.currentTarget.value)}
        />
        <TextInput
          label={t('actions.paymentDate')}
          type="date"
          required
          value={receivedAt}
          error={tried && !receivedAt ? t('actions.paymentDateRequired') : undefined}
          onChange={(event) => setReceivedAt(event.currentTarget.value)}
        />
        <TextInput
          label={t('actions.paymentReference')}
          description={t('actions.paymentReferenceHint')}
          required
          maxLength={200}
          value={reference}
          error={tried && !reference.trim() ? t('actions.paymentReferenceRequired') : undefined}
          onChange={(event) => setReference(event.currentTarget.value)}
        />
        <Textarea label={t('actions.paymentNote')} maxLength={1000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{problem(error)}</Text>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('actions.paymentSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
