import './i18n/register';
import { Alert, Button, Card, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { StatusText } from '../cases/components/status-text';
import { isApiError } from '../../lib/api-client';
import { fieldMessageKeys, problemMessageKey } from '../../lib/problem-message';
import { useMe } from '../../lib/me';
import { type Account, type AccountBilling, useAccount, useUpdateAccountBilling } from './api/invoices';
import { type AddressFields, billingFields, type BillingFields, billingPatch, missingAddressFields } from './billing-form';
import { useInvoicesTranslation } from './i18n/register';
import { problemPath, vatProblem } from './invoice-problem';
import { regionName } from './invoice-page';

/** Countries offered first: the EU (VAT ids are checked for these), then the neighbours customers most often bill from. */
const COUNTRIES = [
  'DE', 'AT', 'CH', 'LI', 'LU', 'BE', 'NL', 'FR', 'IT', 'ES', 'PT', 'IE', 'DK', 'SE', 'FI', 'PL', 'CZ', 'SK', 'HU', 'SI', 'HR', 'RO',
  'BG', 'GR', 'CY', 'MT', 'EE', 'LV', 'LT', 'GB', 'NO', 'IS', 'US', 'CA',
];

/** Mein Konto → Kontodaten (`/account/billing`): for admins and billing users; nobody else learns of it. */
export function BillingPage() {
  const me = useMe();
  if (!me.abilities.manageBilling || !me.account) return <NotFound headingOrder={2} />;
  return <Billing accountId={me.account.id} />;
}

function Billing({ accountId }: { accountId: string }) {
  const { t, tApp } = useInvoicesTranslation();
  useDocumentTitle(t('billing.title'), tApp('account.title'));
  const account = useAccount(accountId);
  if (account.isPending) return <PageLoader />;
  if (account.isError) return <QueryError error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data.billing) return <NotFound headingOrder={2} />;
  return <BillingForm accountId={accountId} account={account.data} billing={account.data.billing} onReload={() => account.refetch()} />;
}

function BillingForm({ accountId, account, billing, onReload }: { accountId: string; account: Account; billing: AccountBilling; onReload: () => Promise<unknown> }) {
  const { t, tApp, say, language } = useInvoicesTranslation();
  const [fields, setFields] = useState<BillingFields>(() => billingFields(billing));
  const [version, setVersion] = useState(account.version);
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const save = useUpdateAccountBilling(accountId);
  const conflict = isApiError(save.error) && save.error.status === 412;

  // A reload after a conflict shows the version someone else saved.
  useEffect(() => {
    setFields(billingFields(billing));
    setVersion(account.version);
  }, [billing, account.version]);

  const serverField = (path: string): string | undefined => {
    if (!isApiError(save.error) || save.error.status !== 400) return undefined;
    if (path === 'vatId') {
      const vat = vatProblem(save.error);
      return vat ? say(vat) : undefined;
    }
    const found = save.error.errors.find((p) => problemPath(p.path) === path);
    if (!found) return undefined;
    const leaf = path.split('.').at(-1) ?? path;
    const key = fieldMessageKeys({ ...save.error, errors: [{ ...found, path: leaf }] } as typeof save.error, [leaf])[leaf];
    return key ? tApp(key) : undefined;
  };

  const missingBilling = missingAddressFields(fields.billingAddress);
  const missingShipping = fields.sameAsBilling ? [] : missingAddressFields(fields.shippingAddress);
  const contactIncomplete = Boolean(fields.contactName.trim()) !== Boolean(fields.contactEmail.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setStatus(null);
    if (missingBilling.length || missingShipping.length || contactIncomplete) return;
    save.mutate(
      { version, patch: billingPatch(fields) },
      {
        onSuccess: (saved) => {
          setChecked(false);
          setStatus(t('billing.saved'));
          if (saved.billing) setFields(billingFields(saved.billing));
          setVersion(saved.version);
        },
      },
    );
  };

  const reload = async () => {
    save.reset();
    setStatus(null);
    await onReload();
  };

  const addressError = (which: 'billingAddress' | 'shippingAddress', field: keyof AddressFields, missing: readonly string[]) =>
    (checked && missing.includes(field) ? tApp('validation.required') : undefined) ?? serverField(`${which}.${field}`);

  const addressFieldset = (which: 'billingAddress' | 'shippingAddress', missing: readonly string[]) => {
    const value = fields[which];
    const set = (field: keyof AddressFields, v: string) => setFields((f) => ({ ...f, [which]: { ...f[which], [field]: v } }));
    const input = (field: keyof AddressFields, props: { required?: boolean; autoComplete?: string; maxLength?: number } = {}) => (
      <TextInput
        label={t(`billing.${field}`)}
        value={value[field]}
        onChange={(event) => set(field, event.currentTarget.value)}
        error={addressError(which, field, missing)}
        {...props}
      />
    );
    const section = which === 'billingAddress' ? 'billing' : 'shipping';
    const countries = value.country && !COUNTRIES.includes(value.country) ? [...COUNTRIES, value.country] : COUNTRIES;
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {input('company', { required: true, autoComplete: `section-${section} organization`, maxLength: 200 })}
        {input('attention', { autoComplete: `section-${section} name`, maxLength: 200 })}
        {input('line1', { required: true, autoComplete: `section-${section} address-line1`, maxLength: 200 })}
        {input('line2', { autoComplete: `section-${section} address-line2`, maxLength: 200 })}
        {input('postalCode', { required: true, autoComplete: `section-${section} postal-code`, maxLength: 20 })}
        {input('city', { required: true, autoComplete: `section-${section} address-level2`, maxLength: 100 })}
        {input('region', { autoComplete: `section-${section} address-level1`, maxLength: 100 })}
        <NativeSelect
          label={t('billing.country')}
          required
          value={value.country}
          onChange={(event) => set('country', event.currentTarget.value)}
          error={addressError(which, 'country', missing)}
          autoComplete={`section-${section} country`}
          data={[{ value: '', label: t('billing.chooseCountry') }, ...countries.map((c) => ({ value: c, label: regionName(c, language) }))]}
        />
      </SimpleGrid>
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="billing-title">
      <Title order={2} size="h3" id="billing-title" mb="xs">
        {t('billing.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('billing.intro')}
      </Text>
      <form onSubmit={submit} noValidate aria-labelledby="billing-title">
        <Stack gap="lg">
          <Fieldset legend={t('billing.billingAddress')}>
            {addressFieldset('billingAddress', missingBilling)}
            {checked && missingBilling.length > 0 && (
              <Text size="sm" c="var(--mantine-color-error)" mt="xs">
                {t('billing.incomplete')}
              </Text>
            )}
          </Fieldset>
          <Fieldset legend={t('billing.shippingAddress')}>
            <Checkbox
              label={t('billing.sameAsBilling')}
              checked={fields.sameAsBilling}
              onChange={(event) => {
                const same = event.currentTarget.checked;
                setFields((f) => ({ ...f, sameAsBilling: same, shippingAddress: same ? f.shippingAddress : { ...f.billingAddress, ...nonEmpty(f.shippingAddress) } }));
              }}
              mb={fields.sameAsBilling ? 0 : 'sm'}
            />
            {!fields.sameAsBilling && addressFieldset('shippingAddress', missingShipping)}
          </Fieldset>
          <Fieldset legend={t('billing.contact')}>
            <Text size="sm" c="dimmed" mb="xs">
              {t('billing.contactHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('billing.contactName')}
                value={fields.contactName}
                autoComplete="section-contact name"
                maxLength={200}
                onChange={(event) => setFields({ ...fields, contactName: event.currentTarget.value })}
                error={(checked && contactIncomplete && !fields.contactName.trim() ? tApp('validation.required') : undefined) ?? serverField('billingContact.name')}
              />
              <TextInput
                label={t('billing.contactEmail')}
                type="email"
                value={fields.contactEmail}
                autoComplete="section-contact email"
                maxLength={320}
                onChange={(event) => setFields({ ...fields, contactEmail: event.currentTarget.value })}
                error={(checked && contactIncomplete && !fields.contactEmail.trim() ? tApp('validation.required') : undefined) ?? serverField('billingContact.email')}
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('billing.tax')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('billing.vatId')}
                description={t('billing.vatIdHint')}
                value={fields.vatId}
                maxLength={20}
                onChange={(event) => setFields({ ...fields, vatId: event.currentTarget.value })}
                error={serverField('vatId')}
              />
              <TextInput
                label={t('billing.poReference')}
                description={t('billing.poReferenceHint')}
                value={fields.poReference}
                maxLength={100}
                onChange={(event) => setFields({ ...fields, poReference: event.currentTarget.value })}
                error={serverField('poReference')}
              />
            </SimpleGrid>
          </Fieldset>
          {conflict ? (
            <Alert color="yellow" variant="light" role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('billing.conflict')}</Text>
                <Button variant="default" size="compact-sm" onClick={() => void reload()}>
                  {t('billing.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            save.isError && (
              <Alert color="red" variant="light" role="alert">
                {/* A field's problem shows at the field; here only what the whole form is about. */}
                <Text size="sm">{tApp(problemMessageKey(save.error))}</Text>
              </Alert>
            )
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('billing.save')}
            </Button>
          </Group>
          <StatusText>{status}</StatusText>
        </Stack>
      </form>
    </Card>
  );
}

/** The fields of an address that hold something (to keep what was typed when "same as billing" is unticked). */
function nonEmpty(a: AddressFields): Partial<AddressFields> {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v.trim() !== ''));
}
