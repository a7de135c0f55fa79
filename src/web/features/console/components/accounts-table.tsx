import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { StaffAccount } from '../api/get-staff-accounts';

const STATUS_COLORS: Record<string, string> = { active: 'teal', suspended: 'yellow', closed: 'gray' };
const KNOWN_STATUSES = ['active', 'suspended', 'closed'] as const;

function isKnownStatus(status: string): status is (typeof KNOWN_STATUSES)[number] {
  return (KNOWN_STATUSES as readonly string[]).includes(status);
}

export function AccountsTable({ accounts }: { accounts: StaffAccount[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      label={t('console.accounts.table')}
      rows={accounts}
      rowKey={(account) => account.id}
      columns={[
        { key: 'name', header: t('console.accounts.name'), cell: (account) => account.name },
        {
          key: 'number',
          header: t('console.accounts.number'),
          cell: (account) => (
            <Text span inherit ff="monospace">
              {account.number}
            </Text>
          ),
        },
        {
          key: 'status',
          header: t('console.accounts.status'),
          cell: (account) => (
            <Badge variant="light" color={STATUS_COLORS[account.status] ?? 'gray'}>
              {isKnownStatus(account.status) ? t(`console.accounts.statuses.${account.status}`) : account.status}
            </Badge>
          ),
        },
        {
          key: 'members',
          header: t('console.accounts.members'),
          align: 'end',
          cell: (account) => format.number(account.memberCount),
        },
        {
          key: 'created',
          header: t('console.accounts.created'),
          nowrap: true,
          cell: (account) => <time dateTime={account.createdAt}>{format.date(account.createdAt)}</time>,
        },
      ]}
    />
  );
}
