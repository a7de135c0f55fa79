import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { useMe } from '../../lib/me';
import { AreasCard } from './components/areas-card';
import { OpenCasesCard } from './components/open-cases-card';
import { PermissionsCard } from './components/permissions-card';
import { SessionCard } from './components/session-card';
import { UpdatesCard } from './components/updates-card';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('dashboard.title'));
  const staffRole = me.user.kind === 'staff' ? me.user.staffRole : null;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('dashboard.welcome', { name: me.user.name })}</Title>
        {me.account && me.membership && (
          <Text size="lg" mt={4}>
            {t('dashboard.accountRole', {
              account: me.account.name,
              role: t(`roles.customer.${me.membership.role}`),
            })}
          </Text>
        )}
        {staffRole && (
          <Text size="lg" mt={4}>
            {t('dashboard.staffRole', { role: t(`roles.staff.${staffRole}`) })}
          </Text>
        )}
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {me.account && me.areas.includes('cases') && <OpenCasesCard accountId={me.account.id} />}
        {me.account && me.areas.includes('downloads') && <UpdatesCard accountId={me.account.id} />}
        {me.membership && <PermissionsCard membership={me.membership} />}
        {staffRole && me.areas.includes('console') && (
          <Card withBorder component="section" aria-labelledby="staff-title">
            <Title order={2} size="h4" id="staff-title" mb="sm">
              {t('dashboard.staff.title')}
            </Title>
            <Text size="sm" mb="md">
              {t('dashboard.staff.consoleHint')}
            </Text>
            <Button component={Link} to="/console">
              {t('dashboard.staff.consoleLink')}
            </Button>
          </Card>
        )}
        <AreasCard areas={me.areas} />
        <SessionCard session={me.session} />
      </SimpleGrid>
    </Stack>
  );
}
