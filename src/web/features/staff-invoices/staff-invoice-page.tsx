import './i18n/register';
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { DefinitionList } from '../../components/definition-list';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { type StaffInvoice, useStaffInvoice } from './api/staff-invoices';
import { InvoiceActions } from './components/invoice-actions';
import { InvoiceStatusBadge } from './components/status-badge';
import { Totals } from './components/totals';
import { useStaffInvoicesTranslation } from './i18n/register';
import { formatDay, formatMoney, formatRate } from './money';

/** Console → Rechnungen → one invoice: facts, lines, payments, and what may be done with it. */
export function StaffInvoicePage() {
  const me = useMe();
  const { invoiceId = '' } = useParams();
  if (!me.abilities.manageInvoices) return <NotFound headingOrder={2} />;
  return <StaffInvoiceLoader key={invoiceId} invoiceId={invoiceId} />;
}

/** The list's address with the filters the user came from (passed along by the list's links). */
function backTo(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? (state as { from: unknown }).from : '';
  return typeof from === 'string' && from.startsWith('?') ? `/console/invoices${from}` : '/console/invoices';
}

function StaffInvoiceLoader({ invoiceId }: { invoiceId: string }) {
  const { t, tApp, problem } = useStaffInvoicesTranslation();
  const back = backTo(useLocation().state);
  const invoice = useStaffInvoice(invoiceId);
  const inv = invoice.data;
  useDocumentTitle(inv ? heading(inv, t) : t('title'), tApp('console.title'));

  const backLink = (
    <Anchor component={Link} to={back} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4, alignSelf: 'flex-start' }}>
      <ChevronLeftIcon size={16} aria-hidden="true" />
      {t('invoice.back')}
    </Anchor>
  );

  if (invoice.isPending) return <PageLoader />;
  if (invoice.isError && !inv) {
    return (
      <Stack gap="sm" align="flex-start">
        {backLink}
        {isApiError(invoice.error) && invoice.error.status === 404 ? (
          <Card withBorder>
            <Title order={2} size="h3" mb="xs">
              {tApp('notFound.title')}
            </Title>
            <Text size="sm">{problem(invoice.error)}</Text>
          </Card>
        ) : (
          <QueryError error={invoice.error} onRetry={() => void invoice.refetch()} />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {backLink}
      {inv && <InvoiceView invoice={inv} />}
    </Stack>
  );
}

type T = ReturnType<typeof useStaffInvoicesTranslation>['t'];
const heading = (inv: StaffInvoice, t: T) => (inv.number ? t('invoice.heading', { number: inv.number }) : t('invoice.draftHeading', { account: inv.account.name }));

function InvoiceView({ invoice: inv }: { invoice: StaffInvoice }) {
  const { t, locale } = useStaffInvoicesTranslation();
  const format = useFormat();
  const [notice, setNotice] = useState('');
  const money = (minor: number) => formatMoney(minor, inv.currency, locale);
  const day = (d: string) => formatDay(d, locale);
  const address = inv.billTo.address;

  return (
    <>
      <Card withBorder component="section" aria-labelledby="invoice-title">
        <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
          <Title order={2} size="h3" id="invoice-title" style={{ overflowWrap: 'anywhere' }}>
            {heading(inv, t)}
          </Title>
          <InvoiceStatusBadge invoice={inv} />
        </Group>
        <Text role="status" size="sm" c="teal.9" fw={500} mb={notice ? 'sm' : 0}>
          {notice}
        </Text>
        <InvoiceActions invoice={inv} onDone={setNotice} />
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder component="section" aria-labelledby="invoice-facts">
          <Title order={3} size="h4" id="invoice-facts" mb="sm">
            {t('invoice.facts')}
          </Title>
          <DefinitionList
            items={[
              {
                term: t('invoice.account'),
                value: (
                  <Anchor component={Link} to={`/console/invoices?account=${encodeURIComponent(inv.account.id)}`} size="sm">
                    {inv.account.name} ({inv.account.number})
                  </Anchor>
                ),
              },
              {
                term: inv.status === 'draft' && inv.scheduled ? t('invoice.plannedIssueDate') : t('invoice.issueDate'),
                value: inv.issueDate ? day(inv.issueDate) : t('invoice.notIssued'),
              },
              {
                term: t('invoice.dueDate'),
                value: inv.overdue ? `${day(inv.dueDate)} (${t('invoice.overdueDays', { count: inv.daysOverdue })})` : day(inv.dueDate),
              },
              { term: t('invoice.currency'), value: inv.currency },
              { term: t('invoice.language'), value: t(`form.languages.${inv.language}`) },
              ...(inv.vatId ? [{ term: t('invoice.vatId'), value: inv.vatId }] : []),
              ...(inv.poReference ? [{ term: t('invoice.poReference'), value: inv.poReference }] : []),
              ...(inv.memo ? [{ term: t('invoice.memo'), value: inv.memo }] : []),
              ...(inv.voidReason ? [{ term: t('invoice.voidReason'), value: inv.voidReason }] : []),
              { term: t('invoice.createdAt'), value: format.dateTime(inv.createdAt) },
            ]}
          />
        </Card>
        <Card withBorder component="section" aria-labelledby="invoice-bill-to">
          <Title order={3} size="h4" id="invoice-bill-to" mb="sm">
            {t('invoice.billTo')}
          </Title>
          <Text size="sm" fw={600}>
            {address?.company ?? inv.billTo.accountName}
          </Text>
          {address ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {[address.attention, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.region, address.country].filter(Boolean).join('\n')}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('invoice.noAddress')}
            </Text>
          )}
          {inv.billTo.contact && (
            <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>
              {inv.billTo.contact.name} · {inv.billTo.contact.email}
            </Text>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="invoice-lines">
        <Title order={3} size="h4" id="invoice-lines" mb="sm">
          {t('invoice.lines')}
        </Title>
        <DataTable
          label={t('invoice.linesTable')}
          rows={inv.lines}
          rowKey={(line) => line.id}
          columns={[
            {
              key: 'description',
              header: t('invoice.description'),
              cell: (line) => (
                <>
                  {line.product && (
                    <Text span size="sm" fw={600} display="block">
                      {line.product.name}
                    </Text>
                  )}
                  <Text span size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
                    {line.description}
                  </Text>
                </>
              ),
            },
            {
              key: 'period',
              header: t('invoice.period'),
              nowrap: true,
              cell: (line) => (line.periodStart || line.periodEnd ? `${line.periodStart ? day(line.periodStart) : ''} – ${line.periodEnd ? day(line.periodEnd) : ''}` : '–'),
            },
            { key: 'quantity', header: t('invoice.quantity'), align: 'end', cell: (line) => format.number(line.quantity) },
            { key: 'unit', header: t('invoice.unitAmount'), align: 'end', nowrap: true, cell: (line) => money(line.unitAmount) },
            { key: 'tax', header: t('invoice.taxRate'), align: 'end', nowrap: true, cell: (line) => formatRate(line.taxRateBp, locale) },
            { key: 'amount', header: t('invoice.amount'), align: 'end', nowrap: true, cell: (line) => money(line.amount) },
          ]}
        />
        <Stack mt="md">
          <Totals
            currency={inv.currency}
            subtotal={inv.subtotal}
            tax={inv.tax}
            total={inv.total}
            paid={inv.status === 'draft' ? undefined : { amountPaid: inv.amountPaid, balance: inv.balance }}
          />
        </Stack>
      </Card>

      {inv.status !== 'draft' && (
        <Card withBorder component="section" aria-labelledby="invoice-payments">
          <Title order={3} size="h4" id="invoice-payments" mb="sm">
            {t('invoice.payments')}
          </Title>
          {inv.payments.length === 0 ? (
            <Text size="sm">{t('invoice.noPayments')}</Text>
          ) : (
            <DataTable
              label={t('invoice.paymentsTable')}
              rows={inv.payments}
              rowKey={(p) => p.id}
              columns={[
                { key: 'date', header: t('invoice.paymentDate'), nowrap: true, cell: (p) => format.date(p.receivedAt) },
                { key: 'via', header: t('invoice.paymentVia'), cell: (p) => t(`invoice.providers.${p.provider}`) },
                { key: 'reference', header: t('invoice.paymentReference'), cell: (p) => <span style={{ overflowWrap: 'anywhere' }}>{p.reference}</span> },
                { key: 'amount', header: t('invoice.amount'), align: 'end', nowrap: true, cell: (p) => money(p.amount) },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
