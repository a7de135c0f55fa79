import './i18n/register';
import { Alert, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { problemMessageKey } from '../../lib/problem-message';
import { useConfirmEmailChange } from './api/access';
import { PublicShell, ToLogin } from './components/public-shell';
import { useAccessTranslation } from './i18n/register';
import { tokenProblem } from './token-problem';

/** `/confirm-email/:token`, the link sent to the new address: confirms the change once, on arrival. */
export function ConfirmEmailPage() {
  const { t, tApp } = useAccessTranslation();
  const { token = '' } = useParams();
  const confirm = useConfirmEmailChange();
  // The token is single-use: React's development double effects must not send it twice.
  const sent = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per token.
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    confirm.mutate({ token });
  }, [token]);

  const gone = tokenProblem(confirm.error);

  return (
    <PublicShell title={t('confirmEmail.title')}>
      {confirm.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Text size="sm">{t('confirmEmail.done', { email: confirm.data.email })}</Text>
        </Alert>
      ) : confirm.isError ? (
        <Alert color={gone ? 'yellow' : 'red'} variant="light" role="alert">
          <Text size="sm">
            {gone ? t(gone === 'expired' ? 'confirmEmail.expired' : 'confirmEmail.invalid') : tApp(problemMessageKey(confirm.error))}
          </Text>
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('confirmEmail.working')}</Text>
          <PageLoader />
        </>
      )}
      <ToLogin />
    </PublicShell>
  );
}
