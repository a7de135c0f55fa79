import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useUsersTranslation } from '../i18n/register';

/** Asks before removing or deactivating someone; the harmless choice has the focus. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useUsersTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('users.close') }}
      // Mantine draws the title bar as <header>, a second banner landmark inside a dialog.
      attributes={{ header: { role: 'presentation' } }}>
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('users.confirm.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
