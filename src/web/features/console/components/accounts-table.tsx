import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../../components/scroll-region';
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
    <ScrollRegion label={t('console.accounts.table')}>
      <Table striped highlightOnHover miw={640} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('console.accounts.number')}</Table.Th>
            <Table.Th scope="col">{t('console.accounts.name')}</Table.Th>
            <Table.Th scope="col">{t('console.accounts.status')}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t('console.accounts.members')}
            </Table.Th>
            <Table.Th scope="col">{t('console.accounts.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr key={account.id}>
              <Table.Td>
                <Text span size="sm" ff="monospace">
                  {account.number}
                </Text>
              </Table.Td>
              <Table.Td>{account.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLORS[account.status] ?? 'gray'}>
                  {isKnownStatus(account.status) ? t(`console.accounts.statuses.${account.status}`) : account.status}
                </Badge>
              </Table.Td>
              <Table.Td ta="end">{format.number(account.memberCount)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={account.createdAt}>{format.date(account.createdAt)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
