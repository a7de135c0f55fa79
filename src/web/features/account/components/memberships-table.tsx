import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../../components/scroll-region';
import type { Me } from '../../../lib/me';

export function MembershipsTable({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (me.memberships.length === 0) {
    return <Text size="sm">{t('account.memberships.empty')}</Text>;
  }
  return (
    <ScrollRegion label={t('account.memberships.table')}>
      <Table miw={420} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('account.memberships.account')}</Table.Th>
            <Table.Th scope="col">{t('account.memberships.number')}</Table.Th>
            <Table.Th scope="col">{t('account.memberships.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {me.memberships.map((membership) => (
            <Table.Tr key={membership.accountId}>
              <Table.Td>
                <Group gap="xs" wrap="wrap">
                  <span>{membership.accountName}</span>
                  {membership.accountId === me.account?.id && (
                    <Badge variant="light" size="sm">
                      {t('account.memberships.current')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text span size="sm" ff="monospace">
                  {membership.accountNumber}
                </Text>
              </Table.Td>
              <Table.Td>{t(`roles.customer.${membership.role}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
