import './i18n/register';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useFormat } from '../../lib/format';
import { isLanguage, readStoredLanguage, storeLanguage } from '../../lib/language';
import { problemMessageKey } from '../../lib/problem-message';
import { type InvitationInfo, useAcceptInvitation, useInvitation } from './api/access';
import { NewPasswordInput, usePasswordProblem } from './components/new-password-input';
import { PublicShell, ToLogin } from './components/public-shell';
import { useAccessTranslation } from './i18n/register';
import { tokenProblem } from './token-problem';

/** `/invitation/:token`, the link of the invitation mail: name and password, then signed in. */
export function InvitationPage() {
  const { t } = useAccessTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const gone = tokenProblem(invitation.error);

  return (
    <PublicShell title={t('invitation.title')}>
      {invitation.isPending ? (
        <PageLoader />
      ) : gone ? (
        <>
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm">{t(gone === 'expired' ? 'invitation.expired' : gone === 'used' ? 'invitation.used' : 'invitation.notFound')}</Text>
          </Alert>
          <ToLogin />
        </>
      ) : invitation.isError ? (
        <QueryError error={invitation.error} onRetry={() => void invitation.refetch()} />
      ) : (
        <AcceptForm token={token} invitation={invitation.data} />
      )}
    </PublicShell>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const { t, tApp, i18n } = useAccessTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const serverPasswordError = usePasswordProblem(accept.error, 'password');

  // The page speaks the language the inviter chose for the person, unless they already picked one here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the invitation arrives.
  useEffect(() => {
    if (!readStoredLanguage() && invitation.locale && isLanguage(invitation.locale) && invitation.locale !== i18n.language) {
      void i18n.changeLanguage(invitation.locale);
    }
  }, [invitation.locale]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nextNameError = name.trim() ? null : t('invitation.nameRequired');
    const nextPasswordError = password ? (password.length < 12 ? t('password.tooShort') : null) : t('password.required');
    setNameError(nextNameError);
    setPasswordError(nextPasswordError);
    if (nextNameError || nextPasswordError) return;
    const locale = isLanguage(i18n.language) ? i18n.language : undefined;
    accept.mutate(
      { token, name: name.trim(), password, ...(locale ? { locale } : {}) },
      {
        onSuccess: (me) => {
          if (me.user.locale) storeLanguage(me.user.locale);
          void navigate('/', { replace: true });
        },
      },
    );
  };

  const gone = tokenProblem(accept.error);
  const generalError =
    accept.error && !serverPasswordError
      ? gone
        ? t(gone === 'expired' ? 'invitation.expired' : gone === 'used' ? 'invitation.used' : 'invitation.notFound')
        : tApp(problemMessageKey(accept.error))
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {invitation.inviterName
            ? t('invitation.intro', { inviter: invitation.inviterName, account: invitation.accountName })
            : t('invitation.introNoInviter', { account: invitation.accountName })}
        </Text>
        <TextInput label={t('invitation.email')} value={invitation.email} readOnly autoComplete="username" />
        <TextInput
          label={t('invitation.name')}
          required
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError || undefined}
          maxLength={200}
        />
        <NewPasswordInput
          label={t('password.label')}
          value={password}
          onChange={setPassword}
          error={passwordError ?? serverPasswordError}
        />
        {generalError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{generalError}</Text>
          </Alert>
        )}
        <Button type="submit" loading={accept.isPending} fullWidth>
          {t('invitation.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('invitation.expires', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
      </Stack>
    </form>
  );
}
