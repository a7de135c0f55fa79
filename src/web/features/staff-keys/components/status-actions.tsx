import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { type StaffKey, useChangeKeyStatus } from '../api/staff-keys';
import { useStaffKeysTranslation } from '../i18n/register';
import { Dialog } from './dialog';

type Target = StaffKey['status'];

/** The status changes a key allows: suspend or revoke an active key, reinstate or revoke a suspended one. */
const CHOICES: Record<StaffKey['status'], { to: Target; label: 'suspend' | 'revoke' | 'reactivate' }[]> = {
  active: [
    { to: 'suspended', label: 'suspend' },
    { to: 'revoked', label: 'revoke' },
  ],
  suspended: [
    { to: 'active', label: 'reactivate' },
    { to: 'revoked', label: 'revoke' },
  ],
  revoked: [],
};

/** Buttons of one row, each asking first; the harmless choice has the focus in the question. */
export function StatusActions({ keyRow, onDone }: { keyRow: StaffKey; onDone: (message: string) => void }) {
  const { t, problem } = useStaffKeysTranslation();
  const change = useChangeKeyStatus();
  const [target, setTarget] = useState<Target | null>(null);
  const vars = { key: keyRow.licenseKey, account: keyRow.account.name };
  const close = () => {
    setTarget(null);
    change.reset();
  };
  const choices = CHOICES[keyRow.status];
  if (choices.length === 0) return null;

  return (
    <>
      <Group gap="xs" wrap="wrap">
        {choices.map((choice) => (
          <Button
            key={choice.to}
            size="compact-sm"
            variant="default"
            aria-label={t(`status.${choice.label}Label`, { key: keyRow.licenseKey })}
            onClick={() => setTarget(choice.to)}
          >
            {t(`status.${choice.label}`)}
          </Button>
        ))}
      </Group>
      <Dialog opened={target !== null} onClose={close} title={target ? t(`status.confirmTitle.${target}`) : ''}>
        {target && (
          <Stack gap="md">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t(`status.confirmText.${target}`, vars)}
            </Text>
            {change.error && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{problem(change.error)}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button
                color={target === 'active' ? undefined : 'red.9'}
                loading={change.isPending}
                onClick={() =>
                  change.mutate(
                    { keyId: keyRow.id, status: target },
                    {
                      onSuccess: () => {
                        setTarget(null);
                        onDone(t(`status.done.${target}`, { key: keyRow.licenseKey }));
                      },
                    },
                  )
                }
              >
                {t(`status.${CHOICES[keyRow.status].find((c) => c.to === target)?.label ?? 'suspend'}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Dialog>
    </>
  );
}
