import './i18n/register';
import { Alert, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '../../components/document-title';
import { useMe } from '../../lib/me';
import { ApiTokensCard } from './components/api-tokens-card';
import { MfaCard } from './components/mfa-card';
import { PasswordCard } from './components/password-card';
import { PolicyCard } from './components/policy-card';
import { SessionsCard } from './components/sessions-card';
import { useSecurityTranslation } from './i18n/register';

/**
 * Mein Konto → Sicherheit (`/account/security`). While MFA set-up is required, the API answers
 * nothing else, so the page shows only the set-up.
 */
export function SecurityPage() {
  const { t, tApp } = useSecurityTranslation();
  useDocumentTitle(t('title'), tApp('account.title'));
  const me = useMe();
  const enrolling = me.mfa.enrollmentRequired;

  return (
    <Stack gap="lg">
      {enrolling && (
        <Alert color="yellow" variant="light" role="alert">
          <Text size="sm">{t('enrollmentRequired')}</Text>
        </Alert>
      )}
      <MfaCard />
      {!enrolling && (
        <>
          <PasswordCard />
          <SessionsCard />
          {me.account && me.user.kind === 'customer' && <ApiTokensCard isAdmin={me.abilities.manageUsers} />}
          {me.abilities.manageAccountSecurity && me.account && <PolicyCard accountId={me.account.id} />}
        </>
      )}
    </Stack>
  );
}
