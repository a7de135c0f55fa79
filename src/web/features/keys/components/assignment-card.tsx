import { Alert, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import type { Assignee, Key } from '../api/types';
import { useUpdateKey } from '../api/update-key';
import { useKeysTranslation } from '../i18n/register';
import { AssignForm } from './assign-form';
import { MoveForm } from './move-form';
import { StatusText } from './status-text';

/**
 * Zuweisung and Schlüsselgruppe of one key. Every change sends the version the user saw (If-Match);
 * when someone else changed the key meanwhile, the card says so and offers to reload.
 */
export function AssignmentCard({
  accountId,
  keyData,
  groups,
  canInvite,
  onReload,
}: {
  accountId: string;
  keyData: Key;
  groups: { id: string; name: string }[];
  canInvite: boolean;
  onReload: () => void;
}) {
  const { t, problem } = useKeysTranslation();
  const assign = useUpdateKey(accountId);
  const move = useUpdateKey(accountId);
  const [status, setStatus] = useState<string | null>(null);
  // Remounts the forms with the saved values after a change or a reload.
  const formKey = `${keyData.id}:${keyData.version}`;

  const save = (assignedTo: Assignee) => {
    setStatus(null);
    move.reset();
    assign.mutate(
      { keyId: keyData.id, version: keyData.version, update: { assignedTo } },
      { onSuccess: () => setStatus(assignedTo === null ? t('assignment.unassigned') : t('assignment.assigned')) },
    );
  };
  const moveTo = (keyGroupId: string | null) => {
    setStatus(null);
    assign.reset();
    move.mutate(
      { keyId: keyData.id, version: keyData.version, update: { keyGroupId } },
      { onSuccess: () => setStatus(t('group.moved')) },
    );
  };

  const stale = [assign.error, move.error].find((error) => isApiError(error) && error.status === 412);
  const reload = () => {
    assign.reset();
    move.reset();
    onReload();
  };

  return (
    <Card withBorder component="section" aria-labelledby="assignment-title">
      <Title order={2} size="h4" id="assignment-title" mb="sm">
        {t('assignment.title')}
      </Title>
      <Stack gap="md">
        <div>
          <Text size="sm" c="dimmed">
            {t('assignment.current')}
          </Text>
          <Group gap="sm" justify="space-between">
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {keyData.assignedTo
                ? [keyData.assignedTo.name, keyData.assignedTo.email && `<${keyData.assignedTo.email}>`]
                    .filter(Boolean)
                    .join(' ')
                : t('assignment.nobody')}
            </Text>
            {keyData.assignedTo && keyData.abilities.assign && (
              <Button variant="default" size="xs" loading={assign.isPending && assign.variables?.update.assignedTo === null} onClick={() => save(null)}>
                {t('assignment.unassign')}
              </Button>
            )}
          </Group>
        </div>
        {stale ? (
          <Alert color="yellow" variant="light" role="alert">
            <Group justify="space-between" gap="sm">
              <Text size="sm">{problem(stale)}</Text>
              <Button size="xs" variant="default" onClick={reload}>
                {t('assignment.reload')}
              </Button>
            </Group>
          </Alert>
        ) : null}
        <StatusText>{status}</StatusText>
        {keyData.abilities.assign && (
          <AssignForm
            key={formKey}
            accountId={accountId}
            canInvite={canInvite}
            initial={keyData.assignedTo}
            pending={assign.isPending && assign.variables?.update.assignedTo !== null}
            error={stale ? null : assign.error}
            onSubmit={save}
          />
        )}
        {keyData.abilities.move && (
          <>
            <Divider />
            <Title order={3} size="h5">
              {t('group.title')}
            </Title>
            <MoveForm
              key={formKey}
              groups={groups}
              current={keyData.keyGroup?.id ?? null}
              pending={move.isPending}
              error={stale ? null : move.error}
              onSubmit={moveTo}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}
