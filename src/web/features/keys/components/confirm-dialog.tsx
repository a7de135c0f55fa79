import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useKeysTranslation } from '../i18n/register';
import { Dialog } from './dialog';

/**
 * Asks before something that cannot be undone from here (releasing a seat, deleting a group).
 * Focus stays inside while it is open and returns to the button that opened it.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useKeysTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={title}>
      <Stack gap="md">
        {children}
        {error && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {/* The harmless choice gets the focus: Enter right after opening must not destroy anything. */}
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          {/* Red at shade 9: white text on the theme's default red (shade 7) stays below 4.5:1. */}
          <Button color="red.9" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
