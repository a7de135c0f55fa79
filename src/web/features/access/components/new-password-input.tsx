import { PasswordInput } from '@mantine/core';
import type { Ref } from 'react';
import { isApiError } from '../../../lib/api-client';
import { problemField } from '../../../lib/problem-message';
import { useAccessTranslation } from '../i18n/register';

const PASSWORD_CODES: Record<string, 'password.tooShort' | 'password.tooLong' | 'password.common'> = {
  password_too_short: 'password.tooShort',
  too_small: 'password.tooShort',
  password_too_long: 'password.tooLong',
  too_big: 'password.tooLong',
  password_common: 'password.common',
};

/** The translated reason the server rejected a new password (`field` is the body field), if it did. */
export function usePasswordProblem(error: unknown, field: string): string | null {
  const { t } = useAccessTranslation();
  if (!isApiError(error)) return null;
  const problem = error.errors.find((entry) => problemField(entry.path) === field);
  if (!problem) return null;
  const key = PASSWORD_CODES[problem.code];
  return key ? t(key) : t('password.tooShort');
}

/** A new password with the rules spelled out beforehand (NIST: length only, no composition rules). */
export function NewPasswordInput({
  label,
  value,
  error,
  inputRef,
  onChange,
}: {
  label: string;
  value: string;
  error: string | null | undefined;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}) {
  const { t } = useAccessTranslation();
  return (
    <PasswordInput
      ref={inputRef}
      label={label}
      description={t('password.hint')}
      autoComplete="new-password"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error || undefined}
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
    />
  );
}
