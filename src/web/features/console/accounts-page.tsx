import './i18n/register';
import { Alert, Anchor, Button, Card, Group, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { SearchIcon } from '../../components/icons';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useStaffAccounts } from './api/get-staff-accounts';
import { AccountsTable } from './components/accounts-table';
import type { CreatedAccountState } from './create-account-page';
import { useConsoleTranslation } from './i18n/register';

export function AccountsPage() {
  const me = useMe();
  if (!me.abilities.viewStaffAccounts) return <NotFound headingOrder={2} />;
  return <Accounts canCreate={me.abilities.createAccounts} />;
}

/** The account just created on /console/accounts/new, passed along in the router state. */
function createdAccount(state: unknown): CreatedAccountState['created'] | null {
  if (typeof state !== 'object' || state === null || !('created' in state)) return null;
  return (state as CreatedAccountState).created;
}

/** Customer accounts for staff; the search term lives in `?q=` so results can be linked. */
function Accounts({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const { t: tConsole } = useConsoleTranslation();
  const created = createdAccount(useLocation().state);
  useDocumentTitle(t('console.accounts.title'), t('console.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [debounced] = useDebouncedValue(input.trim(), 300);

  useEffect(() => {
    if (debounced === q) return;
    setSearchParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, q, setSearchParams]);

  const accounts = useStaffAccounts(q);
  const rows = accounts.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="accounts-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <Title order={2} size="h3" id="accounts-title">
          {t('console.accounts.title')}
        </Title>
        {canCreate && (
          <Button component={Link} to="/console/accounts/new">
            {tConsole('accounts.create')}
          </Button>
        )}
      </Group>
      <div role="status">
        {created && (
          <Alert color="green" variant="light" mb="md">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {tConsole('accounts.created', {
                name: created.account.name,
                number: created.account.number,
                email: created.admin.email,
              })}{' '}
              <Anchor component={Link} to="/console/accounts/new" inherit>
                {tConsole('accounts.createdLink')}
              </Anchor>
            </Text>
          </Alert>
        )}
      </div>
      <search>
        <TextInput
          label={t('console.accounts.search')}
          description={t('console.accounts.searchHint')}
          type="search"
          leftSection={<SearchIcon size={16} />}
          value={input}
          onChange={(event) => setInput(event.currentTarget.value)}
          maw={420}
          mb="md"
        />
      </search>
      <VisuallyHidden role="status">
        {accounts.isFetching && !accounts.isFetchingNextPage ? t('app.loading') : ''}
      </VisuallyHidden>
      {accounts.isPending ? (
        <PageLoader />
      ) : accounts.isError && rows.length === 0 ? (
        <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('console.accounts.empty')}</Text>
      ) : (
        <>
          <AccountsTable accounts={rows} />
          {accounts.isFetchNextPageError && (
            <QueryError error={accounts.error} onRetry={() => void accounts.fetchNextPage()} />
          )}
          <LoadMore
            hasMore={accounts.hasNextPage}
            loading={accounts.isFetchingNextPage}
            onLoadMore={() => void accounts.fetchNextPage()}
          />
        </>
      )}
    </Card>
  );
}
