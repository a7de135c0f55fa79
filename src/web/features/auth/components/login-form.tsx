import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../lib/me';
import { fieldMessageKeys, problemMessageKey } from '../../../lib/problem-message';
import { type Credentials, useLogin } from '../api/login';

type Field = keyof Credentials;
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['email', 'password'];
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/**
 * Email and password form (the first sign-in step). `prefill` (from the demo list) replaces the fields' contents each time
 * it changes; `onSignedIn` receives the signed-in user.
 */
export function LoginForm({
  prefill,
  onSignedIn,
  onMfaRequired,
}: {
  prefill: (Credentials & { seq: number }) | null;
  onSignedIn: (me: Me) => void;
  onMfaRequired: () => void;
}) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when a new prefill arrives.
  useEffect(() => {
    if (!prefill) return;
    setEmail(prefill.email);
    setPassword(prefill.password);
    setFieldErrors({});
    login.reset();
    submitRef.current?.focus();
  }, [prefill]);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('validation.emailRequired');
    else if (!EMAIL_SHAPE.test(email.trim())) errors.email = t('validation.invalidEmail');
    if (!password) errors.password = t('validation.passwordRequired');
    return errors;
  };

  const focusFirstInvalid = (errors: FieldErrors) => {
    if (errors.email) emailRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(errors);
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (result) => ('me' in result ? onSignedIn(result.me) : onMfaRequired()),
        onError: (error) => {
          const keys = fieldMessageKeys(error, FIELDS);
          const serverErrors: FieldErrors = {};
          for (const field of FIELDS) {
            const key = keys[field];
            if (key) serverErrors[field] = t(key);
          }
          setFieldErrors(serverErrors);
          if (Object.keys(serverErrors).length > 0) focusFirstInvalid(serverErrors);
          else alertRef.current?.focus();
        },
      },
    );
  };

  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const formError = login.isError && !hasFieldErrors ? t(problemMessageKey(login.error)) : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t('login.title')}>
      <Stack gap="md">
        {formError && (
          <Alert ref={alertRef} tabIndex={-1} color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          ref={emailRef}
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldErrors.email}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
          visibilityToggleFocusable
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
        />
        <Button ref={submitRef} type="submit" loading={login.isPending} fullWidth>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
