import { Badge, Text } from '@mantine/core';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { StaffUser } from '../api/staff-users';
import { useConsoleTranslation } from '../i18n/register';

const STATUS_COLOR = { invited: 'blue', active: 'green', disabled: 'gray' } as const;

export function StaffUsersTable({ users }: { users: StaffUser[] }) {
  const { t, tApp } = useConsoleTranslation();
  const format = useFormat();
  return (
    <DataTable
      label={t('staffUsers.table')}
      rows={users}
      rowKey={(user) => user.id}
      columns={[
        {
          key: 'name',
          header: t('staffUsers.name'),
          cell: (user) => (
            <>
              <Text span size="sm" display="block">
                {user.name}
              </Text>
              <Text span size="xs" c="dimmed" display="block" style={{ overflowWrap: 'anywhere' }}>
                {user.email}
              </Text>
            </>
          ),
        },
        { key: 'role', header: t('staffUsers.role'), cell: (user) => tApp(`roles.staff.${user.staffRole}`) },
        {
          key: 'status',
          header: t('staffUsers.status'),
          cell: (user) => (
            <Badge variant="light" color={STATUS_COLOR[user.status]}>
              {t(`staffUsers.statuses.${user.status}`)}
            </Badge>
          ),
        },
        { key: 'mfa', header: t('staffUsers.mfa'), cell: (user) => (user.mfaEnabled ? t('staffUsers.mfaOn') : t('staffUsers.mfaOff')) },
        {
          key: 'lastLogin',
          header: t('staffUsers.lastLogin'),
          nowrap: true,
          cell: (user) =>
            user.lastLoginAt ? <time dateTime={user.lastLoginAt}>{format.dateTime(user.lastLoginAt)}</time> : t('staffUsers.never'),
        },
      ]}
    />
  );
}
