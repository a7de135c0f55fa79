import { Alert, Button, Group, Modal, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { LANGUAGES, type Language } from '../../../lib/language';
import type { StaffRole } from '../../../lib/me';
import { problemMessageKey } from '../../../lib/problem-message';
import { STAFF_ROLES, type StaffUser, useCreateStaffUser } from '../api/staff-users';
import { problemAt } from '../console-problem';
import { useConsoleTranslation } from '../i18n/register';

/** Adds a staff user with a role; they set their password from the invitation mail. */
export function CreateStaffDialog({
  opened,
  defaultLocale,
  onClose,
  onCreated,
}: {
  opened: boolean;
  defaultLocale: Language;
  onClose: () => void;
  onCreated: (user: StaffUser) => void;
}) {
  const { t, tApp } = useConsoleTranslation();
  const create = useCreateStaffUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('agent');
  const [locale, setLocale] = useState<Language>(defaultLocale);

  const error = create.error;
  const emailError =
    isApiError(error) && error.code === 'user.email_taken'
      ? t('createStaff.errors.emailTaken')
      : problemAt(error, 'body.email')
        ? tApp('validation.invalidEmail')
        : undefined;
  const nameError = problemAt(error, 'body.name') ? tApp('validation.required') : undefined;
  const general = error && !emailError && !nameError ? tApp(problemMessageKey(error)) : null;

  const close = () => {
    create.reset();
    setName('');
    setEmail('');
    setRole('agent');
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), email: email.trim(), staffRole: role, locale },
      {
        onSuccess: (user) => {
          onCreated(user);
          close();
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('createStaff.title')}
      closeButtonProps={{ 'aria-label': t('createStaff.close') }}
      // Mantine draws the title bar as <header>, a second banner landmark inside a dialog.
      attributes={{ header: { role: 'none' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('createStaff.intro')}
          </Text>
          <TextInput
            label={t('createStaff.name')}
            required
            autoComplete="off"
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
            data-autofocus
          />
          <TextInput
            label={t('createStaff.email')}
            required
            type="email"
            autoComplete="off"
            maxLength={320}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={emailError}
          />
          <Radio.Group label={t('createStaff.role')} value={role} onChange={(value) => setRole(value as StaffRole)}>
            <Stack gap="xs" mt="xs">
              {STAFF_ROLES.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={tApp(`roles.staff.${value}`)}
                  description={t(`staffUsers.roleHints.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <NativeSelect
            label={t('createStaff.language')}
            value={locale}
            onChange={(event) => setLocale(event.currentTarget.value as Language)}
            data={LANGUAGES.map((value) => ({ value, label: tApp(`header.languages.${value}`) }))}
          />
          {general && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{general}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('createStaff.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || !email.trim()}>
              {t('createStaff.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
