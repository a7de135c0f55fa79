import './i18n/register';
import './invoice-print.css';
import { Alert, Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { DefinitionList } from '../../components/definition-list';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon, DownloadIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { type BankTransfer, type Invoice, invoicesRoot, useInvoice, usePayInvoice } from './api/invoices';
import { BankTransferDialog } from './components/bank-transfer-dialog';
import { InvoiceStatusBadge } from './components/invoice-status';
import type { InvoiceLinkState } from './components/invoices-table';
import { useInvoicesTranslation } from './i18n/register';
import { formatMoney, formatTaxRate } from './money';

/** How often the page asks whether a card payment came through after returning from Stripe. */
const PAYMENT_POLL_MS = 2_000;
/** After this long without confirmation the page says it takes longer (and keeps asking, slower). */
const PAYMENT_SLOW_MS = 45_000;

/** One invoice (`/invoices/:invoiceId`): its snapshot, lines, totals and payments; Drucken, PDF, Bezahlen. */
export function InvoicePage() {
  const me = useMe();
  const { invoiceId = '' } = useParams();
  if (!me.areas.includes('invoices') || !me.account) return <NotFound />;
  return <InvoiceDetail accountId={me.account.id} invoiceId={invoiceId} />;
}

function BackLink() {
  const { t } = useInvoicesTranslation();
  const state = useLocation().state as Partial<InvoiceLinkState> | null;
  const search = typeof state?.listSearch === 'string' && state.listSearch ? `?${state.listSearch}` : '';
  return (
    <Anchor component={Link} to={`/invoices${search}`} size="sm" data-print-hide>
      <Group gap={4} component="span" wrap="nowrap">
        <ChevronLeftIcon size={16} />
        {t('invoice.back')}
      </Group>
    </Anchor>
  );
}

/** `?payment=success|cancelled`: where Stripe Checkout sends the browser back to. */
function usePaymentReturn() {
  const [params] = useSearchParams();
  const value = params.get('payment');
  return value === 'success' || value === 'cancelled' ? value : null;
}

function InvoiceDetail({ accountId, invoiceId }: { accountId: string; invoiceId: string }) {
  const { t } = useInvoicesTranslation();
  const returned = usePaymentReturn();
  const queryClient = useQueryClient();
  const [waitingSince] = useState(() => Date.now());
  const [slow, setSlow] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  // Back from Stripe: ask every two seconds until the webhook has booked the payment, then every ten.
  const awaiting = returned === 'success' && !confirmed;
  const invoice = useInvoice(accountId, invoiceId, awaiting ? (slow ? 10_000 : PAYMENT_POLL_MS) : false);
  const paid = invoice.data?.status === 'paid';

  useEffect(() => {
    if (!awaiting) return;
    const timer = setTimeout(() => setSlow(true), Math.max(0, PAYMENT_SLOW_MS - (Date.now() - waitingSince)));
    return () => clearTimeout(timer);
  }, [awaiting, waitingSince]);

  useEffect(() => {
    if (awaiting && paid) {
      setConfirmed(true);
      // The list and its totals moved: the invoice is under Ältere Rechnungen now.
      void queryClient.invalidateQueries({ queryKey: [...invoicesRoot(accountId), 'list'] });
    }
  }, [awaiting, paid, accountId, queryClient]);

  useDocumentTitle(invoice.data?.number ? t('invoice.documentTitle', { number: invoice.data.number }) : t('invoice.title'), t('list.title'));

  if (invoice.isPending) return <PageLoader />;
  if (invoice.isError && !invoice.data) {
    if (isApiError(invoice.error) && invoice.error.status === 404) return <NotFound />;
    return (
      <Stack gap="md">
        <BackLink />
        <QueryError error={invoice.error} onRetry={() => void invoice.refetch()} />
      </Stack>
    );
  }
  return <InvoiceView accountId={accountId} invoice={invoice.data} returned={returned} slow={slow} />;
}

function PaymentNotice({ invoice, returned, slow }: { invoice: Invoice; returned: 'success' | 'cancelled' | null; slow: boolean }) {
  const { t } = useInvoicesTranslation();
  if (returned === 'cancelled' && invoice.status !== 'paid') {
    return (
      <Alert color="yellow" variant="light" role="status" data-print-hide>
        <Text size="sm">{t('payment.cancelled')}</Text>
      </Alert>
    );
  }
  if (returned !== 'success') return null;
  if (invoice.status === 'paid') {
    return (
      <Alert color="green" variant="light" role="status" title={t('payment.received')} data-print-hide data-testid="payment-state">
        <Text size="sm">{t('payment.receivedText')}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="blue" variant="light" role="status" data-print-hide data-testid="payment-state" title={
      <Group gap="xs" component="span" wrap="nowrap">
        <Loader size="xs" aria-hidden="true" />
        {t('payment.processing')}
      </Group>
    }>
      <Text size="sm">{slow ? t('payment.slow') : t('payment.processingText')}</Text>
    </Alert>
  );
}

function InvoiceView({ accountId, invoice, returned, slow }: { accountId: string; invoice: Invoice; returned: 'success' | 'cancelled' | null; slow: boolean }) {
  const { t, tApp, problem, language } = useInvoicesTranslation();
  const format = useFormat();
  const pay = usePayInvoice(accountId);
  const [transfer, setTransfer] = useState<BankTransfer | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const money = (minor: number) => formatMoney(minor, invoice.currency, language);
  const none = tApp('common.none');
  const planned = invoice.status === 'draft';
  const address = invoice.billTo.address;

  const startPayment = () => {
    pay.mutate(invoice.id, {
      onSuccess: (answer) => {
        if (answer.method === 'checkout') {
          setRedirecting(true);
          window.location.assign(answer.url);
        } else {
          setTransfer(answer);
        }
      },
    });
  };

  return (
    <Stack gap="lg" data-invoice-print>
      <BackLink />
      <PaymentNotice invoice={invoice} returned={returned} slow={slow} />
      <Card withBorder component="section" aria-labelledby="invoice-title">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" gap="sm">
            <div>
              <Title order={1} id="invoice-title" style={{ overflowWrap: 'anywhere' }}>
                {invoice.number ? t('invoice.titleNumber', { number: invoice.number }) : t('invoice.plannedTitle')}
              </Title>
              <Text size="sm" c="dimmed">
                {invoice.billTo.accountName}
              </Text>
            </div>
            <InvoiceStatusBadge invoice={invoice} />
          </Group>
          <Group gap="sm" data-print-hide role="group" aria-label={t('invoice.actions')}>
            {invoice.abilities.pay && (
              <Button onClick={startPayment} loading={pay.isPending || redirecting}>
                {t('invoice.pay')}
              </Button>
            )}
            <Button variant="default" onClick={() => window.print()}>
              {t('invoice.print')}
            </Button>
            {invoice.abilities.downloadPdf && (
              <Button component="a" href={invoice.pdfUrl} download variant="default" leftSection={<DownloadIcon size={16} />}>
                {t('invoice.pdf')}
              </Button>
            )}
          </Group>
          {redirecting && (
            <Text size="sm" role="status" data-print-hide>
              {t('payment.redirecting')}
            </Text>
          )}
          {pay.isError && (
            <Alert color="red" variant="light" role="alert" data-print-hide>
              <Text size="sm">{problem(pay.error)}</Text>
            </Alert>
          )}
          {planned && invoice.issueDate && (
            <Text size="sm">{t('invoice.plannedHint', { date: format.date(invoice.issueDate) })}</Text>
          )}
        </Stack>
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Card withBorder component="section" aria-labelledby="invoice-details-title">
          <Title order={2} size="h4" id="invoice-details-title" mb="sm">
            {t('invoice.details')}
          </Title>
          <DefinitionList
            items={[
              { term: t('invoice.number'), value: invoice.number ?? none },
              {
                term: planned ? t('invoice.plannedIssueDate') : t('invoice.issueDate'),
                value: invoice.issueDate ? format.date(invoice.issueDate) : none,
              },
              { term: t('invoice.dueDate'), value: format.date(invoice.dueDate) },
              { term: t('invoice.status'), value: <InvoiceStatusBadge invoice={invoice} /> },
              ...(invoice.paidAt ? [{ term: t('invoice.paidAt'), value: format.date(invoice.paidAt) }] : []),
              ...(invoice.voidedAt ? [{ term: t('invoice.voidedAt'), value: format.date(invoice.voidedAt) }] : []),
              { term: t('invoice.poReference'), value: invoice.poReference ?? none },
              { term: t('invoice.vatId'), value: invoice.vatId ?? none },
            ]}
          />
        </Card>
        <Card withBorder component="section" aria-labelledby="invoice-billto-title">
          <Title order={2} size="h4" id="invoice-billto-title" mb="sm">
            {t('invoice.billTo')}
          </Title>
          {address ? (
            <Text component="address" size="sm" style={{ fontStyle: 'normal', whiteSpace: 'pre-line' }}>
              {[
                address.company,
                address.attention ? t('invoice.attention', { name: address.attention }) : null,
                address.line1,
                address.line2,
                `${address.postalCode} ${address.city}`,
                address.region,
                regionName(address.country, language),
              ]
                .filter(Boolean)
                .join('\n')}
            </Text>
          ) : (
            <Text size="sm">{t('invoice.noAddress')}</Text>
          )}
          {invoice.billTo.contact && (
            <Text size="sm" mt="sm">
              {invoice.billTo.contact.name} · {invoice.billTo.contact.email}
            </Text>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="invoice-lines-title">
        <Title order={2} size="h4" id="invoice-lines-title" mb="sm">
          {t('invoice.lines')}
        </Title>
        <DataTable
          label={t('invoice.linesTable')}
          rows={invoice.lines}
          rowKey={(l) => l.id}
          columns={[
            { key: 'product', header: t('invoice.lineColumns.product'), cell: (l) => <Text span size="sm" fw={500}>{l.product?.name ?? t('invoice.noProduct')}</Text> },
            { key: 'description', header: t('invoice.lineColumns.description'), cell: (l) => <span style={{ overflowWrap: 'anywhere' }}>{l.description}</span> },
            {
              key: 'period',
              header: t('invoice.lineColumns.period'),
              cell: (l) =>
                l.periodStart && l.periodEnd ? t('invoice.period', { from: format.date(l.periodStart), to: format.date(l.periodEnd) }) : none,
            },
            { key: 'quantity', header: t('invoice.lineColumns.quantity'), align: 'end', cell: (l) => format.number(l.quantity) },
            { key: 'unit', header: t('invoice.lineColumns.unitPrice'), align: 'end', nowrap: true, cell: (l) => money(l.unitAmount) },
            { key: 'tax', header: t('invoice.lineColumns.taxRate'), align: 'end', nowrap: true, cell: (l) => formatTaxRate(l.taxRateBp, language) },
            { key: 'amount', header: t('invoice.lineColumns.amount'), align: 'end', nowrap: true, cell: (l) => money(l.amount) },
          ]}
        />
        <Group justify="flex-end" mt="md">
          <dl aria-label={t('invoice.totals')} style={{ margin: 0, minWidth: 'min(100%, 20rem)' }} data-testid="invoice-totals">
            {[
              { term: t('invoice.subtotal'), value: money(invoice.subtotal) },
              { term: t('invoice.tax'), value: money(invoice.tax) },
              { term: t('invoice.total'), value: money(invoice.total), strong: true },
              ...(invoice.status !== 'void' && !planned
                ? [
                    { term: t('invoice.amountPaid'), value: money(invoice.amountPaid) },
                    { term: t('invoice.balance'), value: money(invoice.balance), strong: true },
                  ]
                : []),
            ].map((row) => (
              <Group key={row.term} justify="space-between" gap="lg" wrap="nowrap" py={2}>
                <Text component="dt" size="sm" fw={row.strong ? 700 : undefined}>
                  {row.term}
                </Text>
                <Text component="dd" size="sm" m={0} fw={row.strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {row.value}
                </Text>
              </Group>
            ))}
          </dl>
        </Group>
        {invoice.memo && (
          <Text size="sm" mt="md">
            <Text span fw={600} size="sm">
              {t('invoice.memo')}:
            </Text>{' '}
            {invoice.memo}
          </Text>
        )}
      </Card>

      {!planned && (
        <Card withBorder component="section" aria-labelledby="invoice-payments-title">
          <Title order={2} size="h4" id="invoice-payments-title" mb="sm">
            {t('invoice.payments')}
          </Title>
          {invoice.payments.length === 0 ? (
            <Text size="sm">{t('invoice.noPayments')}</Text>
          ) : (
            <DataTable
              label={t('invoice.paymentsTable')}
              rows={invoice.payments}
              rowKey={(p) => p.id}
              columns={[
                { key: 'date', header: t('invoice.paymentColumns.date'), nowrap: true, cell: (p) => format.date(p.receivedAt) },
                { key: 'method', header: t('invoice.paymentColumns.method'), cell: (p) => t(`invoice.provider.${p.provider}`) },
                { key: 'reference', header: t('invoice.paymentColumns.reference'), cell: (p) => <span style={{ overflowWrap: 'anywhere' }}>{p.reference}</span> },
                { key: 'amount', header: t('invoice.paymentColumns.amount'), align: 'end', nowrap: true, cell: (p) => formatMoney(p.amount, p.currency, language) },
              ]}
            />
          )}
        </Card>
      )}
      <BankTransferDialog transfer={transfer} onClose={() => setTransfer(null)} />
    </Stack>
  );
}

/** "DE" → "Deutschland" / "Germany"; the code itself where the browser has no name for it. */
export function regionName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
