import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CrossIcon } from '../../../components/icons';
import type { Me } from '../../../lib/me';

type Membership = NonNullable<Me['membership']>;

const FLAGS = [
  { flag: 'caseAdmin', label: 'dashboard.permissions.caseAdmin', hint: 'dashboard.permissions.caseAdminHint' },
  { flag: 'billing', label: 'dashboard.permissions.billing', hint: 'dashboard.permissions.billingHint' },
  { flag: 'downloads', label: 'dashboard.permissions.downloads', hint: 'dashboard.permissions.downloadsHint' },
] as const;

/** The membership flags that widen the user's role in this account. */
export function PermissionsCard({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="permissions-title">
      <Title order={2} size="h4" id="permissions-title" mb="sm">
        {t('dashboard.permissions.title')}
      </Title>
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {FLAGS.map(({ flag, label, hint }) => {
          const granted = membership[flag];
          return (
            <Group component="li" key={flag} justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Text size="sm" fw={600}>
                  {t(label)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(hint)}
                </Text>
              </div>
              <Badge
                variant="light"
                color={granted ? 'teal' : 'gray'}
                leftSection={granted ? <CheckIcon size={12} /> : <CrossIcon size={12} />}
                style={{ flexShrink: 0 }}
              >
                {granted ? t('common.yes') : t('common.no')}
              </Badge>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
