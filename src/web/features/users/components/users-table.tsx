import { Badge, Button, Group, Text } from '@mantine/core';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { AccountUser } from '../api/users';
import { useUsersTranslation } from '../i18n/register';

export type UserAction = 'edit' | 'deactivate' | 'reactivate' | 'remove' | 'resend';

const STATUS_COLOR = { invited: 'blue', active: 'green', disabled: 'gray' } as const;

/** The account's users; each row offers exactly what the server's `abilities` allow for it. */
export function UsersTable({
  users,
  pendingUserId,
  onAction,
}: {
  users: AccountUser[];
  pendingUserId: string | null;
  onAction: (action: UserAction, user: AccountUser) => void;
}) {
  const { t, tApp } = useUsersTranslation();
  const format = useFormat();

  const actions = (user: AccountUser) => {
    const available: { action: UserAction; allowed: boolean; color?: string }[] = [
      { action: 'edit', allowed: user.abilities.edit },
      { action: 'resend', allowed: user.abilities.resendInvitation },
      { action: 'reactivate', allowed: user.abilities.reactivate },
      { action: 'deactivate', allowed: user.abilities.deactivate },
      { action: 'remove', allowed: user.abilities.remove, color: 'red' },
    ];
    return (
      <Group gap={4} wrap="wrap" role="group" aria-label={t('users.actions.menu', { name: user.name })}>
        {available
          .filter((entry) => entry.allowed)
          .map((entry) => (
            <Button
              key={entry.action}
              size="compact-sm"
              variant="subtle"
              color={entry.color}
              loading={pendingUserId === user.id && (entry.action === 'resend' || entry.action === 'reactivate')}
              onClick={() => onAction(entry.action, user)}
            >
              {t(`users.actions.${entry.action === 'resend' ? 'resend' : entry.action}`)}
            </Button>
          ))}
      </Group>
    );
  };

  return (
    <DataTable
      label={t('users.tableLabel')}
      rows={users}
      rowKey={(user) => user.id}
      columns={[
        {
          key: 'name',
          header: t('users.columns.name'),
          cell: (user) => (
            <>
              <Text span size="sm" fw={500} display="block">
                {user.name}
              </Text>
              <Text span size="xs" c="dimmed" display="block" style={{ overflowWrap: 'anywhere' }}>
                {user.email}
              </Text>
            </>
          ),
        },
        {
          key: 'role',
          header: t('users.columns.role'),
          cell: (user) => (
            <>
              <Text span size="sm" display="block">
                {tApp(`roles.customer.${user.role}`)}
              </Text>
              {user.keyGroups.length > 0 && (
                <Text span size="xs" c="dimmed" display="block">
                  {user.keyGroups.map((group) => group.name).join(', ')}
                </Text>
              )}
            </>
          ),
        },
        {
          key: 'permissions',
          header: t('users.columns.permissions'),
          cell: (user) => {
            const flags = (['caseAdmin', 'billing', 'downloads'] as const).filter((flag) => user[flag]);
            return flags.length === 0 ? tApp('common.none') : flags.map((flag) => t(`users.flags.${flag}`)).join(', ');
          },
        },
        {
          key: 'status',
          header: t('users.columns.status'),
          cell: (user) => (
            <Group gap={4}>
              <Badge variant="light" color={STATUS_COLOR[user.status]}>
                {t(`users.statuses.${user.status}`)}
              </Badge>
              {user.mfaEnabled && (
                <Badge variant="outline" color="gray">
                  {t('users.mfa')}
                </Badge>
              )}
            </Group>
          ),
        },
        {
          key: 'lastLogin',
          header: t('users.columns.lastLogin'),
          nowrap: true,
          cell: (user) =>
            user.lastLoginAt ? <time dateTime={user.lastLoginAt}>{format.dateTime(user.lastLoginAt)}</time> : t('users.never'),
        },
        { key: 'actions', header: t('users.columns.actions'), cell: actions },
      ]}
    />
  );
}
