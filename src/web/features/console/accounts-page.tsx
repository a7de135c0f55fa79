import { Card, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { SearchIcon } from '../../components/icons';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useStaffAccounts } from './api/get-staff-accounts';
import { AccountsTable } from './components/accounts-table';

export function AccountsPage() {
  const me = useMe();
  if (!me.abilities.viewStaffAccounts) return <NotFound headingOrder={2} />;
  return <Accounts />;
}

/** Customer accounts for staff; the search term lives in `?q=` so results can be linked. */
function Accounts() {
  const { t } = useTranslation();
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
      <Title order={2} size="h3" id="accounts-title" mb="md">
        {t('console.accounts.title')}
      </Title>
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
