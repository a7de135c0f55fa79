import './i18n/register';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { problemMessageKey } from '../../lib/problem-message';
import { useRequestPasswordReset } from './api/access';
import { PublicShell, ToLogin } from './components/public-shell';
import { useAccessTranslation } from './i18n/register';

/** `/password-reset`: asks for the address; the answer is the same whether or not it has a login. */
export function PasswordResetRequestPage() {
  const { t, tApp } = useAccessTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setEmailError(t('reset.emailRequired'));
      return;
    }
    setEmailError(null);
    request.mutate({ email: email.trim() });
  };

  return (
    <PublicShell title={t('reset.requestTitle')}>
      {request.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Text size="sm">{t('reset.requested', { email: request.variables.email })}</Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('reset.requestIntro')}</Text>
            <TextInput
              label={t('reset.email')}
              type="email"
              inputMode="email"
              autoComplete="username"
              spellCheck={false}
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError || undefined}
            />
            {request.error && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{tApp(problemMessageKey(request.error))}</Text>
              </Alert>
            )}
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('reset.requestSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      <ToLogin />
    </PublicShell>
  );
}
