import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { problemMessageKey } from '../../../lib/problem-message';
import { useChangePassword } from '../api/security';
import { useSecurityTranslation } from '../i18n/register';
import { fieldCode, newPasswordKey } from '../security-problem';

export function PasswordCard() {
  const { t, tApp } = useSecurityTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };

  const wrong = fieldCode(change.error, 'currentPassword') ? t('password.wrong') : null;
  const newKey = newPasswordKey(fieldCode(change.error, 'newPassword'));
  const general = change.error && !wrong && !newKey ? tApp(problemMessageKey(change.error)) : null;

  return (
    <Card withBorder component="section" aria-labelledby="password-title">
      <Title order={2} size="h3" id="password-title">
        {t('password.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('password.intro')}
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={wrong || undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.hint')}
            autoComplete="new-password"
            required
            minLength={12}
            value={newPassword}
            onChange={(event) => setNew(event.currentTarget.value)}
            error={newKey ? t(newKey) : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          />
          <div role="status">
            {change.isSuccess && (
              <Alert color="green" variant="light">
                <Text size="sm">{t('password.done')}</Text>
              </Alert>
            )}
          </div>
          {general && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{general}</Text>
            </Alert>
          )}
          <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
