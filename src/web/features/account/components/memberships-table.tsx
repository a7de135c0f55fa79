import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import type { Me } from '../../../lib/me';

export function MembershipsTable({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (me.memberships.length === 0) {
    return <Text size="sm">{t('account.memberships.empty')}</Text>;
  }
  return (
    <DataTable
      label={t('account.memberships.table')}
      rows={me.memberships}
      rowKey={(membership) => membership.accountId}
      columns={[
        {
          key: 'account',
          header: t('account.memberships.account'),
          cell: (membership) => (
            <Group gap="xs" wrap="wrap" component="span">
              <span>{membership.accountName}</span>
              {membership.accountId === me.account?.id && (
                <Badge variant="light" size="sm">
                  {t('account.memberships.current')}
                </Badge>
              )}
            </Group>
          ),
        },
        {
          key: 'number',
          header: t('account.memberships.number'),
          cell: (membership) => (
            <Text span inherit ff="monospace">
              {membership.accountNumber}
            </Text>
          ),
        },
        {
          key: 'role',
          header: t('account.memberships.role'),
          cell: (membership) => t(`roles.customer.${membership.role}`),
        },
      ]}
    />
  );
}
