import './i18n/register';
import { Alert, Anchor, Button, Card, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { isApiError } from '../../lib/api-client';
import { intlLocale, LANGUAGES, type Language } from '../../lib/language';
import { useMe } from '../../lib/me';
import { problemMessageKey } from '../../lib/problem-message';
import { type CreatedAccount, useCreateAccount } from './api/create-account';
import { hasProblemAt, problemAt } from './console-problem';
import { useConsoleTranslation } from './i18n/register';

/** Legends read as the headings of the form's two parts. */
const LEGEND_STYLES = { legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)', marginBottom: 'var(--mantine-spacing-xs)' } };

/** The currencies Portico's vendors invoice in; the server takes any ISO 4217 code. */
const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD'] as const;

/** What the accounts list shows after a creation (router state, so a reload does not repeat it). */
export type CreatedAccountState = { created: CreatedAccount };

/** Konsole → Konten → Konto anlegen (`/console/accounts/new`), for staff who may create accounts. */
export function CreateAccountPage() {
  const me = useMe();
  if (!me.abilities.createAccounts) return <NotFound headingOrder={2} />;
  return <CreateAccount defaultLocale={me.user.locale ?? 'de'} />;
}

function CreateAccount({ defaultLocale }: { defaultLocale: Language }) {
  const { t, tApp } = useConsoleTranslation();
  useDocumentTitle(t('createAccount.title'), tApp('console.title'));
  const navigate = useNavigate();
  const create = useCreateAccount();
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState<string>('EUR');
  const [locale, setLocale] = useState<Language>(defaultLocale);
  const [adminName, setAdminName] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [adminLocale, setAdminLocale] = useState<Language>(defaultLocale);

  const currencyNames = useMemo(() => new Intl.DisplayNames([intlLocale(defaultLocale)], { type: 'currency' }), [defaultLocale]);
  const languages = LANGUAGES.map((value) => ({ value, label: tApp(`header.languages.${value}`) }));

  const error = create.error;
  const nameError = problemAt(error, 'body.name')
    ? t('createAccount.errors.nameTooShort')
    : undefined;
  const adminNameError = problemAt(error, 'body.admin.name') ? tApp('validation.required') : undefined;
  const adminEmailError =
    isApiError(error) && error.code === 'user.email_taken'
      ? t('createAccount.errors.staffEmail')
      : problemAt(error, 'body.admin.email')
        ? tApp('validation.invalidEmail')
        : undefined;
  const general =
    error && !adminEmailError && !hasProblemAt(error, ['body.name', 'body.admin.name']) ? tApp(problemMessageKey(error)) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), currency, locale, admin: { name: adminName.trim(), email: adminEmail.trim(), locale: adminLocale } },
      {
        onSuccess: (created) => {
          const state: CreatedAccountState = { created };
          navigate('/console/accounts', { state });
        },
      },
    );
  };

  const touched = () => {
    if (create.isError) create.reset();
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/console/accounts" size="sm" style={{ alignSelf: 'flex-start' }}>
        <Group gap={4} component="span" wrap="nowrap">
          <ChevronLeftIcon size={16} />
          {t('createAccount.back')}
        </Group>
      </Anchor>
      <Card withBorder component="section" aria-labelledby="create-account-title">
        <Title order={2} size="h3" id="create-account-title">
          {t('createAccount.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md" maw={720}>
          {t('createAccount.intro')}
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="lg" maw={720}>
            <Fieldset legend={t('createAccount.company')} variant="unstyled" styles={LEGEND_STYLES}>
              <Stack gap="sm">
                <TextInput
                  label={t('createAccount.name')}
                  description={t('createAccount.nameHint')}
                  required
                  autoComplete="organization"
                  maxLength={200}
                  value={name}
                  onChange={(event) => {
                    setName(event.currentTarget.value);
                    touched();
                  }}
                  error={nameError}
                  data-autofocus
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ alignItems: 'end' }}>
                  <NativeSelect
                    label={t('createAccount.currency')}
                    description={t('createAccount.currencyHint')}
                    value={currency}
                    onChange={(event) => setCurrency(event.currentTarget.value)}
                    data={CURRENCIES.map((code) => ({ value: code, label: `${code} – ${currencyNames.of(code) ?? code}` }))}
                  />
                  <NativeSelect
                    label={t('createAccount.language')}
                    description={t('createAccount.languageHint')}
                    value={locale}
                    onChange={(event) => setLocale(event.currentTarget.value as Language)}
                    data={languages}
                  />
                </SimpleGrid>
              </Stack>
            </Fieldset>
            <Fieldset legend={t('createAccount.admin')} variant="unstyled" styles={LEGEND_STYLES}>
              <Stack gap="sm">
                <TextInput
                  label={t('createAccount.adminName')}
                  required
                  autoComplete="off"
                  maxLength={200}
                  value={adminName}
                  onChange={(event) => {
                    setAdminName(event.currentTarget.value);
                    touched();
                  }}
                  error={adminNameError}
                />
                <TextInput
                  label={t('createAccount.adminEmail')}
                  description={t('createAccount.adminEmailHint')}
                  required
                  type="email"
                  autoComplete="off"
                  maxLength={320}
                  value={adminEmail}
                  onChange={(event) => {
                    setAdminEmail(event.currentTarget.value);
                    touched();
                  }}
                  error={adminEmailError}
                />
                <NativeSelect
                  label={t('createAccount.adminLanguage')}
                  value={adminLocale}
                  onChange={(event) => setAdminLocale(event.currentTarget.value as Language)}
                  data={languages}
                />
              </Stack>
            </Fieldset>
            {general && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{general}</Text>
              </Alert>
            )}
            <Group gap="sm">
              <Button
                type="submit"
                loading={create.isPending}
                disabled={name.trim().length < 2 || !adminName.trim() || !adminEmail.trim()}
              >
                {t('createAccount.submit')}
              </Button>
              <Button component={Link} to="/console/accounts" variant="default">
                {t('createAccount.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
