import './i18n/register';
import { Alert, Anchor, Button, Card, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useProducts } from '../staff-keys/api/products';
import { type StaffInvoice, staffInvoiceQueryOptions, useCreateInvoice, useStaffInvoice, useUpdateDraft } from './api/staff-invoices';
import { AccountSelect } from '../../components/account-select';
import { LinesEditor } from './components/lines-editor';
import { Totals } from './components/totals';
import { useStaffInvoicesTranslation } from './i18n/register';
import { CURRENCIES, draftFromInvoice, draftToInput, emptyDraft, type FieldErrors, type InvoiceDraft, parsedLine, validateDraft } from './invoice-form';
import { invoiceTotals } from './money';
import { isStale } from './staff-invoices-problem';

/** Console → Rechnungen → Neue Rechnung, and → a draft → Bearbeiten. */
export function InvoiceFormPage() {
  const me = useMe();
  const { invoiceId } = useParams();
  if (!me.abilities.manageInvoices) return <NotFound headingOrder={2} />;
  return invoiceId ? <EditDraft key={invoiceId} invoiceId={invoiceId} /> : <InvoiceForm initial={emptyDraft()} invoice={null} />;
}

function EditDraft({ invoiceId }: { invoiceId: string }) {
  const { t, locale } = useStaffInvoicesTranslation();
  const invoice = useStaffInvoice(invoiceId);
  const [staleNotice, setStaleNotice] = useState(false);
  if (invoice.isPending) return <PageLoader />;
  if (invoice.isError) return <QueryError error={invoice.error} onRetry={() => void invoice.refetch()} />;
  const inv = invoice.data;
  if (inv.status !== 'draft') {
    return (
      <Alert color="yellow" variant="light" role="alert">
        <Text size="sm">{t('form.notDraft')}</Text>
        <Anchor component={Link} to={`/console/invoices/${inv.id}`} size="sm">
          {t('form.backToInvoice')}
        </Anchor>
      </Alert>
    );
  }
  // A newer version (after a lost update) starts the form over from what is saved now.
  return (
    <InvoiceForm key={inv.version} initial={draftFromInvoice(inv, locale)} invoice={inv} staleNotice={staleNotice} onStale={() => setStaleNotice(true)} />
  );
}

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

function InvoiceForm({
  initial,
  invoice,
  staleNotice = false,
  onStale,
}: {
  initial: InvoiceDraft;
  invoice: StaffInvoice | null;
  staleNotice?: boolean;
  onStale?: () => void;
}) {
  const { t, tApp, problem } = useStaffInvoicesTranslation();
  useDocumentTitle(invoice ? t('form.editTitle') : t('form.newTitle'), tApp('console.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const products = useProducts();
  const create = useCreateInvoice();
  const update = useUpdateDraft();
  const [draft, setDraft] = useState(initial);
  // Currency and language follow the chosen account until someone picks them here.
  const [chosen, setChosen] = useState({ currency: false, language: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const mutation = invoice ? update : create;
  const set = (patch: Partial<InvoiceDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (submitted) setErrors(validateDraft(next, { requireAccount: !invoice, today: todayIso() }));
  };
  const totals = invoiceTotals(
    draft.lines.map((line) => {
      const p = parsedLine(line, draft.currency);
      return { quantity: p.quantity ?? 0, unitAmount: p.unitAmount ?? 0, taxRateBp: p.taxRateBp ?? 0 };
    }),
  );
  const backTo = invoice ? `/console/invoices/${invoice.id}` : '/console/invoices';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validateDraft(draft, { requireAccount: !invoice, today: todayIso() });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = draftToInput(draft);
    const done = (saved: StaffInvoice) => navigate(`/console/invoices/${saved.id}`);
    if (invoice) {
      update.mutate(
        { invoiceId: invoice.id, version: invoice.version, patch: input },
        {
          onSuccess: done,
          onError: (error) => {
            if (!isStale(error)) return;
            onStale?.();
            void queryClient.invalidateQueries({ queryKey: staffInvoiceQueryOptions(invoice.id).queryKey });
          },
        },
      );
    } else {
      create.mutate({ accountId: draft.accountId, ...input }, { onSuccess: done });
    }
  };

  const fieldError = (key: string) => (errors[key] ? t(errors[key] as 'form.accountRequired') : undefined);

  return (
    <Stack gap="sm" align="stretch">
      <Anchor component={Link} to={backTo} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4, alignSelf: 'flex-start' }}>
        <ChevronLeftIcon size={16} aria-hidden="true" />
        {invoice ? t('form.backToInvoice') : t('form.back')}
      </Anchor>
      <Card withBorder component="section" aria-labelledby="invoice-form-title">
        <Title order={2} size="h3" id="invoice-form-title" mb="xs">
          {invoice ? t('form.editTitle') : t('form.newTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('form.intro')}
        </Text>
        {staleNotice && (
          <Alert color="yellow" variant="light" role="alert" mb="md">
            <Text size="sm">{t('errors.stale')}</Text>
          </Alert>
        )}
        <form onSubmit={onSubmit} noValidate aria-labelledby="invoice-form-title">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {invoice ? (
                <TextInput label={t('form.account')} value={`${invoice.account.name} (${invoice.account.number})`} readOnly />
              ) : (
                <AccountSelect
                  label={t('form.account')}
                  value={draft.accountId}
                  required
                  error={fieldError('accountId')}
                  onChange={(account) =>
                    // The account's currency and language, until the form's own choice was made.
                    set({
                      accountId: account?.id ?? '',
                      ...(account?.currency && !chosen.currency ? { currency: account.currency } : {}),
                      ...((account?.locale === 'de' || account?.locale === 'en') && !chosen.language ? { language: account.locale } : {}),
                    })
                  }
                />
              )}
              <NativeSelect
                label={t('form.currency')}
                value={draft.currency}
                onChange={(event) => {
                  setChosen((c) => ({ ...c, currency: true }));
                  set({ currency: event.currentTarget.value });
                }}
                data={[...new Set([...CURRENCIES, draft.currency])]}
              />
              <NativeSelect
                label={t('form.language')}
                value={draft.language}
                onChange={(event) => {
                  setChosen((c) => ({ ...c, language: true }));
                  set({ language: event.currentTarget.value as 'de' | 'en' });
                }}
                data={[
                  { value: 'de', label: t('form.languages.de') },
                  { value: 'en', label: t('form.languages.en') },
                ]}
              />
            </SimpleGrid>
            <Radio.Group label={t('form.timing')} value={draft.scheduled ? 'scheduled' : 'now'} onChange={(value) => set({ scheduled: value === 'scheduled' })}>
              <Stack gap="xs" mt="xs">
                <Radio value="now" label={t('form.timingNow')} />
                <Radio value="scheduled" label={t('form.timingScheduled')} />
              </Stack>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {draft.scheduled && (
                <TextInput
                  label={t('form.issueDate')}
                  type="date"
                  required
                  value={draft.issueDate}
                  error={fieldError('issueDate')}
                  onChange={(event) => set({ issueDate: event.currentTarget.value })}
                />
              )}
              <TextInput label={t('form.dueDate')} description={t('form.dueDateHint')} type="date" value={draft.dueDate} onChange={(event) => set({ dueDate: event.currentTarget.value })} />
            </SimpleGrid>
            <LinesEditor lines={draft.lines} currency={draft.currency} products={products.data ?? []} errors={errors} onChange={(lines) => set({ lines })} />
            <Textarea label={t('form.memo')} value={draft.memo} maxLength={2000} autosize minRows={2} onChange={(event) => set({ memo: event.currentTarget.value })} />
            <Totals currency={draft.currency} {...totals} live />
            {submitted && Object.keys(errors).length > 0 && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{t('form.fixFields')}</Text>
              </Alert>
            )}
            {mutation.error && !isStale(mutation.error) && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{problem(mutation.error)}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" component={Link} to={backTo}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('form.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
