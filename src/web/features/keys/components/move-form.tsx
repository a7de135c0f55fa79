import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useKeysTranslation } from '../i18n/register';

const NONE = '';

/** Moves one key or many into a key group, or out of every group. */
export function MoveForm({
  groups,
  current,
  pending,
  error,
  onSubmit,
}: {
  groups: { id: string; name: string }[];
  /** The group the key is in now (one key); undefined for a selection of keys. */
  current?: string | null;
  pending: boolean;
  error: unknown;
  onSubmit: (keyGroupId: string | null) => void;
}) {
  const { t, problem } = useKeysTranslation();
  const [target, setTarget] = useState(current ?? NONE);
  const unchanged = current !== undefined && target === (current ?? NONE);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!unchanged) onSubmit(target === NONE ? null : target);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('group.target')}
          data={[{ value: NONE, label: t('group.none') }, ...groups.map((group) => ({ value: group.id, label: group.name }))]}
          value={target}
          onChange={(event) => setTarget(event.currentTarget.value)}
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{problem(error)}</Text>
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={pending} disabled={unchanged}>
            {t('group.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
