import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useBulkAssign } from '../api/bulk-assign';
import type { Assignee, Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import { AssignForm } from './assign-form';
import { MoveForm } from './move-form';
import { Dialog } from './dialog';

type OpenDialog = 'assign' | 'move' | null;

/**
 * The selection bar above the key list: select all assignable keys of the loaded pages, then
 * assign or move them together. "Move" is offered only when every selected key may be moved.
 */
export function BulkActions({
  accountId,
  assignable,
  selected,
  groups,
  canInvite,
  onSelect,
  onDone,
}: {
  accountId: string;
  /** The loaded keys the user may assign. */
  assignable: Key[];
  selected: Key[];
  groups: { id: string; name: string }[];
  canInvite: boolean;
  onSelect: (keys: Key[]) => void;
  onDone: (message: string) => void;
}) {
  const { t } = useKeysTranslation();
  const bulk = useBulkAssign(accountId);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const count = selected.length;
  const allSelected = count > 0 && count === assignable.length;
  const canMove = count > 0 && selected.every((key) => key.abilities.move);

  const open = (which: OpenDialog) => {
    bulk.reset();
    setDialog(which);
  };
  const close = () => setDialog(null);
  const keyIds = selected.map((key) => key.id);

  // Not mutate(…, { onSuccess }): React Query drops those callbacks when this bar unmounts first,
  // and it does when the change empties a filtered list ("unassigned" after assigning them all),
  // so the confirmation was lost. A failure shows in the dialog through bulk.error.
  const assign = (assignedTo: Exclude<Assignee, null>) =>
    bulk.mutateAsync({ keyIds, assignedTo }).then(
      ({ updated }) => {
        close();
        onDone(t('bulk.assigned', { count: updated }));
      },
      () => {},
    );
  const move = (keyGroupId: string | null) =>
    bulk.mutateAsync({ keyIds, keyGroupId }).then(
      ({ updated }) => {
        close();
        onDone(t('bulk.moved', { count: updated }));
      },
      () => {},
    );

  return (
    <>
      <Group
        role="group"
        aria-label={t('bulk.label')}
        justify="space-between"
        gap="sm"
        mb="sm"
        p="xs"
        style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
      >
        <Checkbox
          label={t('bulk.selectAll')}
          checked={allSelected}
          indeterminate={count > 0 && !allSelected}
          onChange={(event) => onSelect(event.currentTarget.checked ? assignable : [])}
        />
        {count > 0 && (
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('bulk.selected', { count })}
            </Text>
            <Button size="xs" onClick={() => open('assign')}>
              {t('bulk.assign')}
            </Button>
            {canMove && (
              <Button size="xs" variant="default" onClick={() => open('move')}>
                {t('bulk.move')}
              </Button>
            )}
            <Button size="xs" variant="subtle" onClick={() => onSelect([])}>
              {t('bulk.clear')}
            </Button>
          </Group>
        )}
      </Group>
      <Dialog
        opened={dialog !== null}
        onClose={close}
        title={dialog === 'move' ? t('bulk.moveTitle', { count }) : t('bulk.assignTitle', { count })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('bulk.allOrNothing')}
          </Text>
          {dialog === 'assign' && (
            <AssignForm
              accountId={accountId}
              canInvite={canInvite}
              pending={bulk.isPending}
              error={bulk.error}
              onSubmit={assign}
            />
          )}
          {dialog === 'move' && <MoveForm groups={groups} pending={bulk.isPending} error={bulk.error} onSubmit={move} />}
        </Stack>
      </Dialog>
    </>
  );
}
