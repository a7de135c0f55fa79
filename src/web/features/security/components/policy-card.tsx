import { Alert, Card, Checkbox, Text, Title } from '@mantine/core';
import { problemMessageKey } from '../../../lib/problem-message';
import { useAccountSecurity, useSetRequireMfa } from '../api/security';
import { useSecurityTranslation } from '../i18n/register';

/** For account admins: "MFA für alle Benutzer verlangen". */
export function PolicyCard({ accountId }: { accountId: string }) {
  const { t, tApp } = useSecurityTranslation();
  const security = useAccountSecurity(accountId, true);
  const setRequireMfa = useSetRequireMfa(accountId);
  const checked = setRequireMfa.isPending ? setRequireMfa.variables.requireMfa : (security.data?.requireMfa ?? false);

  return (
    <Card withBorder component="section" aria-labelledby="policy-title">
      <Title order={2} size="h3" id="policy-title" mb="sm">
        {t('policy.title')}
      </Title>
      <Checkbox
        label={t('policy.requireMfa')}
        description={t('policy.requireMfaHint')}
        checked={checked}
        disabled={!security.isSuccess || setRequireMfa.isPending}
        onChange={(event) => setRequireMfa.mutate({ requireMfa: event.currentTarget.checked })}
      />
      {(setRequireMfa.error || security.error) && (
        <Alert color="red" variant="light" role="alert" mt="sm">
          <Text size="sm">{tApp(problemMessageKey(setRequireMfa.error ?? security.error))}</Text>
        </Alert>
      )}
    </Card>
  );
}
