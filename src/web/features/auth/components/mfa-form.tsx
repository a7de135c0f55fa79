import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import type { Me } from '../../../lib/me';
import { problemMessageKey } from '../../../lib/problem-message';
import { useVerifyMfa } from '../api/verify-mfa';

/**
 * Second sign-in step for users with two-factor authentication. Too many wrong codes end the
 * half-open session on the server; then only starting over helps (`onTooManyCodes`).
 */
export function MfaForm({
  onSignedIn,
  onRestart,
  onTooManyCodes,
}: {
  onSignedIn: (me: Me) => void;
  onRestart: () => void;
  onTooManyCodes: () => void;
}) {
  const { t } = useTranslation();
  const verify = useVerifyMfa();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (trimmed.length < 6) {
      setFieldError(t('login.mfa.codeRequired'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    verify.mutate(
      { code: trimmed },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          if (isApiError(error) && error.code === 'auth.mfa_attempts_exceeded') {
            onTooManyCodes();
            return;
          }
          setFieldError(t(problemMessageKey(error)));
          inputRef.current?.select();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('login.mfa.title')}>
      <Stack gap="md">
        <Text size="sm">{t('login.mfa.intro')}</Text>
        {verify.isError && !fieldError && (
          <Alert color="red" variant="light" role="alert">
            {t(problemMessageKey(verify.error))}
          </Alert>
        )}
        <TextInput
          ref={inputRef}
          label={t('login.mfa.code')}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={fieldError}
          description={t('login.mfa.codeHint')}
        />
        <Button type="submit" loading={verify.isPending} fullWidth>
          {t('login.mfa.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onRestart}>
          {t('login.mfa.restart')}
        </Anchor>
      </Stack>
    </form>
  );
}
