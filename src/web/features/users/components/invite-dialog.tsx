import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { LANGUAGES, type Language } from '../../../lib/language';
import { fieldMessageKeys } from '../../../lib/problem-message';
import { type AccountUser, type Permissions, useAccountKeyGroups, useInviteUser } from '../api/users';
import { useUsersTranslation } from '../i18n/register';
import { PermissionsFields } from './permissions-fields';

const EMPTY: Permissions = { role: 'member', caseAdmin: false, billing: false, downloads: false, keyGroupIds: [] };

/** Invites a person by email; a person with a login elsewhere becomes a member here, not a second login. */
export function InviteDialog({
  accountId,
  defaultLocale,
  opened,
  onClose,
  onInvited,
}: {
  accountId: string;
  defaultLocale: Language;
  opened: boolean;
  onClose: () => void;
  onInvited: (user: AccountUser) => void;
}) {
  const { t, tApp, problem } = useUsersTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Language>(defaultLocale);
  const [permissions, setPermissions] = useState<Permissions>(EMPTY);
  const keyGroups = useAccountKeyGroups(accountId, opened);
  const invite = useInviteUser(accountId);

  const fieldErrors = fieldMessageKeys(invite.error, ['name', 'email'] as const);
  const emailError =
    isApiError(invite.error) && (invite.error.code === 'user.already_member' || invite.error.code === 'user.email_taken')
      ? problem(invite.error)
      : fieldErrors.email && tApp(fieldErrors.email);
  const generalError = invite.error && !emailError && !fieldErrors.name ? problem(invite.error) : null;

  const close = () => {
    invite.reset();
    setName('');
    setEmail('');
    setPermissions(EMPTY);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { name: name.trim(), email: email.trim(), locale, ...permissions },
      {
        onSuccess: (user) => {
          onInvited(user);
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.inviteDialog.title')} closeButtonProps={{ 'aria-label': t('users.close') }}
      // Mantine draws the title bar as <header>, a second banner landmark inside a dialog.
      attributes={{ header: { role: 'presentation' } }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('users.inviteDialog.intro')}
          </Text>
          <TextInput
            label={t('users.inviteDialog.name')}
            required
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name && tApp(fieldErrors.name)}
            maxLength={200}
            data-autofocus
          />
          <TextInput
            label={t('users.inviteDialog.email')}
            required
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={emailError || undefined}
            maxLength={320}
          />
          <PermissionsFields value={permissions} keyGroups={keyGroups.data} onChange={setPermissions} />
          <NativeSelect
            label={t('users.inviteDialog.language')}
            value={locale}
            onChange={(event) => setLocale(event.currentTarget.value as Language)}
            data={LANGUAGES.map((language) => ({ value: language, label: tApp(`header.languages.${language}`) }))}
          />
          {generalError && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{generalError}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('users.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending} disabled={!name.trim() || !email.trim()}>
              {t('users.inviteDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
