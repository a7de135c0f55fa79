import './i18n/register';
import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type DataColumn, DataTable } from '../../components/data-table';
import { useDocumentTitle } from '../../components/document-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { useKeyGroups } from './api/get-key-groups';
import { useCreateKeyGroup, useDeleteKeyGroup, useRenameKeyGroup } from './api/manage-key-groups';
import type { KeyGroup } from './api/types';
import { ConfirmDialog } from './components/confirm-dialog';
import { StatusText } from './components/status-text';
import { useKeysTranslation } from './i18n/register';
import { Dialog } from './components/dialog';

const NAME_MAX = 100;

/**
 * Schlüsselgruppen (`/keys/groups`): the groups with their key counts and managers. Creating,
 * renaming and deleting is for those who manage the account's users (admins); the server decides.
 */
export function KeyGroupsPage() {
  const me = useMe();
  const account = me.account;
  if (!account) return null;
  return <KeyGroups accountId={account.id} manage={me.abilities.manageUsers} />;
}

function KeyGroups({ accountId, manage }: { accountId: string; manage: boolean }) {
  const { t, tApp, problem } = useKeysTranslation();
  const format = useFormat();
  useDocumentTitle(t('groups.title'), tApp('nav.keys'));
  const groups = useKeyGroups(accountId);
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<KeyGroup | null>(null);
  const [deleting, setDeleting] = useState<KeyGroup | null>(null);
  const remove = useDeleteKeyGroup(accountId);

  const columns: DataColumn<KeyGroup>[] = [
    {
      key: 'name',
      header: t('groups.name'),
      cell: (group) => (
        <Anchor component={Link} to={`/keys?keyGroup=${encodeURIComponent(group.id)}`} size="sm" fw={600}>
          {group.name}
        </Anchor>
      ),
    },
    { key: 'keys', header: t('groups.keys'), align: 'end', cell: (group) => format.number(group.keyCount) },
    {
      key: 'managers',
      header: t('groups.managers'),
      cell: (group) =>
        group.managers.length ? group.managers.map((manager) => manager.name).join(', ') : t('groups.noManagers'),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: t('groups.actions'),
      cell: (group) => (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            aria-label={t('groups.renameLabel', { name: group.name })}
            onClick={() => {
              setStatus(null);
              setRenaming(group);
            }}
          >
            {t('groups.rename')}
          </Button>
          <Button
            size="xs"
            variant="default"
            color="red"
            aria-label={t('groups.deleteLabel', { name: group.name })}
            onClick={() => {
              setStatus(null);
              remove.reset();
              setDeleting(group);
            }}
          >
            {t('groups.delete')}
          </Button>
        </Group>
      ),
    });
  }

  const rows = groups.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="groups-title">
      <Title order={2} size="h3" id="groups-title">
        {t('groups.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {manage ? t('groups.intro') : t('groups.introManager')}
      </Text>
      {manage && <CreateGroupForm accountId={accountId} onCreated={(name) => setStatus(t('groups.created', { name }))} />}
      <StatusText>{status}</StatusText>
      {groups.isPending ? (
        <PageLoader />
      ) : groups.isError ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('groups.empty')}</Text>
      ) : (
        <DataTable label={t('groups.table')} rows={rows} rowKey={(group) => group.id} columns={columns} />
      )}
      {renaming && (
        <RenameDialog
          accountId={accountId}
          group={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            setStatus(t('groups.renamed'));
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('groups.deleteTitle')}
        confirmLabel={t('groups.deleteConfirm')}
        pending={remove.isPending}
        error={remove.isError ? problem(remove.error) : null}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          const { id, name } = deleting;
          remove.mutate(
            { keyGroupId: id },
            {
              onSuccess: () => {
                setDeleting(null);
                setStatus(t('groups.deleted', { name }));
              },
            },
          );
        }}
      >
        <Text size="sm">
          {deleting ? t('groups.deleteText', { name: deleting.name, count: deleting.keyCount }) : ''}
        </Text>
      </ConfirmDialog>
    </Card>
  );
}

function CreateGroupForm({ accountId, onCreated }: { accountId: string; onCreated: (name: string) => void }) {
  const { t, problem } = useKeysTranslation();
  const create = useCreateKeyGroup(accountId);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('groups.nameRequired'));
      return;
    }
    setError(null);
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (group) => {
          setName('');
          onCreated(group.name);
        },
        onError: (failure) => setError(problem(failure)),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-group-title">
      <Title order={3} size="h5" id="create-group-title" mb="xs">
        {t('groups.create')}
      </Title>
      <Group align="flex-start" gap="sm" mb="md">
        <TextInput
          label={t('groups.createName')}
          required
          maxLength={NAME_MAX}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={error}
          style={{ flex: '1 1 16rem', maxWidth: 420 }}
        />
        {/* Beside the field its top lines up with the input (below the label); on phones it wraps under it. */}
        <Button type="submit" loading={create.isPending} mt={{ base: 0, xs: 25 }}>
          {t('groups.createSubmit')}
        </Button>
      </Group>
    </form>
  );
}

function RenameDialog({
  accountId,
  group,
  onClose,
  onRenamed,
}: {
  accountId: string;
  group: KeyGroup;
  onClose: () => void;
  onRenamed: () => void;
}) {
  const { t, tApp, problem } = useKeysTranslation();
  const rename = useRenameKeyGroup(accountId);
  const [name, setName] = useState(group.name);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('groups.nameRequired'));
      return;
    }
    if (trimmed === group.name) {
      onClose();
      return;
    }
    setError(null);
    rename.mutate({ keyGroupId: group.id, name: trimmed }, { onSuccess: onRenamed });
  };

  return (
    <Dialog opened onClose={onClose} title={t('groups.renameTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('groups.newName')}
            required
            maxLength={NAME_MAX}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          {rename.isError && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{problem(rename.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {tApp('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
