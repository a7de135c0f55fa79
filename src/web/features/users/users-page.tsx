import './i18n/register';
import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useDocumentTitle } from '../../components/document-title';
import { SearchIcon } from '../../components/icons';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import type { Language } from '../../lib/language';
import { type CustomerRole, useMe } from '../../lib/me';
import {
  type AccountUser,
  USER_ROLES,
  USER_STATUSES,
  type UserStatus,
  useRemoveUser,
  useResendInvitation,
  useUpdateUser,
  useUsers,
} from './api/users';
import { ConfirmDialog } from './components/confirm-dialog';
import { EditDialog } from './components/edit-dialog';
import { InviteDialog } from './components/invite-dialog';
import { type UserAction, UsersTable } from './components/users-table';
import { useUsersTranslation } from './i18n/register';

/** Mein Konto → Benutzer (`/account/users`), for those who may manage the account's users. */
export function UsersPage() {
  const me = useMe();
  if (!me.abilities.manageUsers || !me.account) return <NotFound headingOrder={2} />;
  return <Users accountId={me.account.id} accountName={me.account.name} locale={me.user.locale ?? 'de'} />;
}

type Pending = { action: 'edit' | 'deactivate' | 'remove'; user: AccountUser } | null;
type Status = { tone: 'success' | 'error'; text: string } | null;

function Users({ accountId, accountName, locale }: { accountId: string; accountName: string; locale: Language }) {
  const { t, tApp, problem } = useUsersTranslation();
  useDocumentTitle(t('users.title'), tApp('account.title'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<CustomerRole | null>(null);
  const [userStatus, setUserStatus] = useState<UserStatus | null>(null);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState<Status>(null);

  const users = useUsers(accountId, { q, role, status: userStatus });
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];
  const update = useUpdateUser(accountId);
  const remove = useRemoveUser(accountId);
  const resend = useResendInvitation(accountId);

  const fail = (error: unknown) => setStatus({ tone: 'error', text: problem(error) });
  const succeed = (text: string) => setStatus({ tone: 'success', text });

  const onAction = (action: UserAction, user: AccountUser) => {
    setStatus(null);
    if (action === 'resend') {
      resend.mutate({ user }, { onSuccess: () => succeed(t('users.done.resent', { email: user.email })), onError: fail });
    } else if (action === 'reactivate') {
      update.mutate(
        { user, update: { status: 'active' } },
        { onSuccess: () => succeed(t('users.done.reactivated', { name: user.name })), onError: fail },
      );
    } else {
      update.reset();
      remove.reset();
      setPending({ action, user });
    }
  };

  const confirmPending = () => {
    if (!pending) return;
    const { user } = pending;
    if (pending.action === 'remove') {
      remove.mutate(
        { user },
        {
          onSuccess: () => {
            setPending(null);
            succeed(t('users.done.removed', { name: user.name }));
          },
        },
      );
    } else {
      update.mutate(
        { user, update: { status: 'disabled' } },
        {
          onSuccess: () => {
            setPending(null);
            succeed(t('users.done.deactivated', { name: user.name }));
          },
        },
      );
    }
  };

  const rowPending =
    (resend.isPending && resend.variables?.user.id) || (update.isPending && !pending && update.variables?.user.id) || null;

  return (
    <Card withBorder component="section" aria-labelledby="users-title">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={2} size="h3" id="users-title">
            {t('users.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('users.intro', { account: accountName })}
          </Text>
        </div>
        <Button onClick={() => setInviteOpen(true)}>{t('users.invite')}</Button>
      </Group>
      <search aria-label={t('users.filtersLabel')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="md" style={{ alignItems: 'end' }}>
          <TextInput
            label={t('users.search')}
            description={t('users.searchHint')}
            type="search"
            leftSection={<SearchIcon size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maxLength={200}
          />
          <NativeSelect
            label={t('users.role')}
            value={role ?? ''}
            onChange={(event) => setRole((event.currentTarget.value || null) as CustomerRole | null)}
            data={[
              { value: '', label: t('users.allRoles') },
              ...USER_ROLES.map((value) => ({ value, label: tApp(`roles.customer.${value}`) })),
            ]}
          />
          <NativeSelect
            label={t('users.status')}
            value={userStatus ?? ''}
            onChange={(event) => setUserStatus((event.currentTarget.value || null) as UserStatus | null)}
            data={[
              { value: '', label: t('users.allStatuses') },
              ...USER_STATUSES.map((value) => ({ value, label: t(`users.statuses.${value}`) })),
            ]}
          />
        </SimpleGrid>
      </search>
      <div role="status">
        {status && (
          <Alert color={status.tone === 'success' ? 'green' : 'red'} variant="light" mb="md">
            <Text size="sm">{status.text}</Text>
          </Alert>
        )}
      </div>
      {users.isPending ? (
        <PageLoader />
      ) : users.isError && rows.length === 0 ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('users.empty')}</Text>
      ) : (
        <>
          <UsersTable users={rows} pendingUserId={rowPending || null} onAction={onAction} />
          {users.isFetchNextPageError && <QueryError error={users.error} onRetry={() => void users.fetchNextPage()} />}
          <LoadMore
            hasMore={users.hasNextPage}
            loading={users.isFetchingNextPage}
            onLoadMore={() => void users.fetchNextPage()}
          />
        </>
      )}
      <InviteDialog
        accountId={accountId}
        defaultLocale={locale}
        opened={inviteOpen}
        onClose={() => setInviteOpen(false)}
        onInvited={(user) => succeed(t('users.done.invited', { email: user.email }))}
      />
      {pending?.action === 'edit' && (
        <EditDialog
          accountId={accountId}
          user={pending.user}
          onClose={() => setPending(null)}
          onSaved={(user) => {
            setPending(null);
            succeed(t('users.done.saved', { name: user.name }));
          }}
        />
      )}
      {pending && pending.action !== 'edit' && (
        <ConfirmDialog
          title={t(pending.action === 'remove' ? 'users.confirm.removeTitle' : 'users.confirm.deactivateTitle')}
          text={t(pending.action === 'remove' ? 'users.confirm.removeText' : 'users.confirm.deactivateText', {
            name: pending.user.name,
            email: pending.user.email,
          })}
          confirmLabel={t(pending.action === 'remove' ? 'users.actions.remove' : 'users.actions.deactivate')}
          pending={pending.action === 'remove' ? remove.isPending : update.isPending}
          error={
            pending.action === 'remove'
              ? remove.error && problem(remove.error)
              : update.error && problem(update.error)
          }
          onConfirm={confirmPending}
          onClose={() => setPending(null)}
        />
      )}
    </Card>
  );
}
