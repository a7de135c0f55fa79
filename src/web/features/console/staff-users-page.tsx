import './i18n/register';
import { Alert, Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import type { Language } from '../../lib/language';
import { useMe } from '../../lib/me';
import { useStaffUsers } from './api/staff-users';
import { CreateStaffDialog } from './components/create-staff-dialog';
import { StaffUsersTable } from './components/staff-users-table';
import { useConsoleTranslation } from './i18n/register';

/** Konsole → Mitarbeiter (`/console/users`), for staff who may manage staff users. */
export function StaffUsersPage() {
  const me = useMe();
  if (!me.abilities.manageStaff) return <NotFound headingOrder={2} />;
  return <StaffUsers locale={me.user.locale ?? 'de'} />;
}

function StaffUsers({ locale }: { locale: Language }) {
  const { t, tApp } = useConsoleTranslation();
  useDocumentTitle(t('staffUsers.title'), tApp('console.title'));
  const users = useStaffUsers();
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];
  const [createOpen, setCreateOpen] = useState(false);
  const [createdEmail, setCreatedEmail] = useState<string | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="staff-users-title">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={2} size="h3" id="staff-users-title">
            {t('staffUsers.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('staffUsers.intro')}
          </Text>
        </div>
        <Button
          onClick={() => {
            setCreatedEmail(null);
            setCreateOpen(true);
          }}
        >
          {t('staffUsers.create')}
        </Button>
      </Group>
      <div role="status">
        {createdEmail && (
          <Alert color="green" variant="light" mb="md">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('staffUsers.created', { email: createdEmail })}
            </Text>
          </Alert>
        )}
      </div>
      {users.isPending ? (
        <PageLoader />
      ) : users.isError && rows.length === 0 ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('staffUsers.empty')}</Text>
      ) : (
        <>
          <StaffUsersTable users={rows} />
          {users.isFetchNextPageError && <QueryError error={users.error} onRetry={() => void users.fetchNextPage()} />}
          <LoadMore
            hasMore={users.hasNextPage}
            loading={users.isFetchingNextPage}
            onLoadMore={() => void users.fetchNextPage()}
          />
        </>
      )}
      <CreateStaffDialog
        opened={createOpen}
        defaultLocale={locale}
        onClose={() => setCreateOpen(false)}
        onCreated={(user) => setCreatedEmail(user.email)}
      />
    </Card>
  );
}
