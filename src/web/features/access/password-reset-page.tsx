import './i18n/register';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { problemMessageKey } from '../../lib/problem-message';
import { useResetPassword } from './api/access';
import { NewPasswordInput, usePasswordProblem } from './components/new-password-input';
import { PublicShell, ToLogin } from './components/public-shell';
import { useAccessTranslation } from './i18n/register';
import { tokenProblem } from './token-problem';

/** `/password-reset/:token`: a new password; a reset never signs in, the person signs in afterwards. */
export function PasswordResetPage() {
  const { t, tApp } = useAccessTranslation();
  const { token = '' } = useParams();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const serverPasswordError = usePasswordProblem(reset.error, 'password');
  const gone = tokenProblem(reset.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = password ? (password.length < 12 ? t('password.tooShort') : null) : t('password.required');
    setPasswordError(error);
    if (!error) reset.mutate({ token, password });
  };

  return (
    <PublicShell title={t('reset.title')}>
      {reset.isSuccess ? (
        <>
          <Alert color="green" variant="light" role="status">
            <Text size="sm">{t('reset.done')}</Text>
          </Alert>
          <ToLogin />
        </>
      ) : gone ? (
        <>
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm">{t(gone === 'expired' ? 'reset.expired' : 'reset.invalid')}</Text>
          </Alert>
          <Anchor component={Link} to="/password-reset" size="sm">
            {t('reset.again')}
          </Anchor>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('reset.intro')}</Text>
            <NewPasswordInput
              label={t('reset.newPassword')}
              value={password}
              onChange={setPassword}
              error={passwordError ?? serverPasswordError}
            />
            {reset.error && !serverPasswordError && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{tApp(problemMessageKey(reset.error))}</Text>
              </Alert>
            )}
            <Button type="submit" loading={reset.isPending} fullWidth>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicShell>
  );
}
