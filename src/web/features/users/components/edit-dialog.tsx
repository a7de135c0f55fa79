import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type AccountUser, type Permissions, useAccountKeyGroups, useUpdateUser } from '../api/users';
import { useUsersTranslation } from '../i18n/register';
import { PermissionsFields } from './permissions-fields';

function permissionsOf(user: AccountUser): Permissions {
  return {
    role: user.role,
    caseAdmin: user.caseAdmin,
    billing: user.billing,
    downloads: user.downloads,
    keyGroupIds: user.keyGroups.map((group) => group.id),
  };
}

/** Role, flags and key groups of one user, sent with the version the row showed (If-Match). */
export function EditDialog({
  accountId,
  user,
  onClose,
  onSaved,
}: {
  accountId: string;
  user: AccountUser;
  onClose: () => void;
  onSaved: (user: AccountUser) => void;
}) {
  const { t, problem } = useUsersTranslation();
  const [permissions, setPermissions] = useState<Permissions>(() => permissionsOf(user));
  const keyGroups = useAccountKeyGroups(accountId, true);
  const update = useUpdateUser(accountId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ user, update: permissions }, { onSuccess: onSaved });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.editDialog.title', { name: user.name })}
      closeButtonProps={{ 'aria-label': t('users.close') }}
      // Mantine draws the title bar as <header>, a second banner landmark inside a dialog.
      attributes={{ header: { role: 'presentation' } }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <PermissionsFields value={permissions} keyGroups={keyGroups.data} onChange={setPermissions} />
          {update.error && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{problem(update.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('users.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} data-autofocus>
              {t('users.editDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
