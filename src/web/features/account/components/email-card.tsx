import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useFormat } from '../../../lib/format';
import type { Me } from '../../../lib/me';
import { problemMessageKey } from '../../../lib/problem-message';
import { useRequestEmailChange } from '../api/profile';
import { emailProblem } from '../email-problem';
import { useAccountTranslation } from '../i18n/register';

/**
 * Changing the sign-in address: the current password proves it is the owner, a link to the new
 * address proves it is theirs. Until that link is opened the old address stays, and the card
 * says which address is waiting (from /me, so it survives a reload).
 */
export function EmailCard({ me }: { me: Me }) {
  const { t, tApp } = useAccountTranslation();
  const format = useFormat();
  const change = useRequestEmailChange();
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const fieldProblem = emailProblem(change.error);
  const general = change.error && !fieldProblem ? tApp(problemMessageKey(change.error)) : null;
  const pending = me.pendingEmail;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const email = newEmail.trim();
    setSentTo(null);
    change.mutate(
      { newEmail: email, currentPassword },
      {
        onSuccess: () => {
          setSentTo(email);
          setNewEmail('');
          setCurrentPassword('');
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="email-title">
      <Title order={2} size="h3" id="email-title">
        {t('email.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('email.intro')}
      </Text>
      <Stack gap="md" maw={480}>
        <TextInput
          label={t('email.current')}
          value={me.user.email}
          readOnly
          variant="filled"
          styles={{ input: { textOverflow: 'ellipsis' } }}
        />
        {pending && (
          <Alert color="yellow" variant="light" title={t('email.pendingTitle')} data-testid="email-pending">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('email.pending', {
                email: pending.email,
                expires: format.dateTime(pending.expiresAt),
                current: me.user.email,
              })}
            </Text>
            <Text size="sm" mt="xs">
              {t('email.pendingAgain')}
            </Text>
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('email.new')}
              type="email"
              name="newEmail"
              autoComplete="email"
              required
              maxLength={320}
              value={newEmail}
              onChange={(event) => {
                setNewEmail(event.currentTarget.value);
                if (change.isError) change.reset();
              }}
              error={fieldProblem?.field === 'newEmail' ? t(fieldProblem.key) : undefined}
            />
            <PasswordInput
              label={t('email.password')}
              description={t('email.passwordHint')}
              name="currentPassword"
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(event) => {
                setCurrentPassword(event.currentTarget.value);
                if (change.isError) change.reset();
              }}
              error={fieldProblem?.field === 'currentPassword' ? t(fieldProblem.key) : undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('email.showPassword') }}
            />
            <div role="status">
              {sentTo && change.isSuccess && (
                <Alert color="green" variant="light">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t('email.sent', { email: sentTo })}
                  </Text>
                </Alert>
              )}
            </div>
            {general && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{general}</Text>
              </Alert>
            )}
            <Button
              type="submit"
              loading={change.isPending}
              disabled={!newEmail.trim() || !currentPassword}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('email.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
