import './i18n/register';
import { Card, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useKeyFacets } from './api/get-key-facets';
import { useKeys } from './api/get-keys';
import type { Key } from './api/types';
import { BulkActions } from './components/bulk-actions';
import { KeysFilters } from './components/keys-filters';
import { KeysTable } from './components/keys-table';
import { StatusText } from './components/status-text';
import { useKeysTranslation } from './i18n/register';
import { filtersFromSearch, filtersToQuery, hasFilters, type KeyListFilters } from './key-filters';

/** The Product Keys list (`/keys`); the layout has checked the area and the account. */
export function KeysPage() {
  const me = useMe();
  const account = me.account;
  if (!account) return null;
  return <KeyList accountId={account.id} accountName={account.name} canInvite={me.abilities.manageUsers} />;
}

function KeyList({ accountId, accountName, canInvite }: { accountId: string; accountName: string; canInvite: boolean }) {
  const { t, tApp } = useKeysTranslation();
  useDocumentTitle(t('list.title'), tApp('nav.keys'));
  const [searchParams, setSearchParams] = useSearchParams();
  const listSearch = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(listSearch)), [listSearch]);
  const [selection, setSelection] = useState<Map<string, Key>>(new Map());
  const [status, setStatus] = useState<string | null>(null);

  const changeFilters = useCallback(
    (next: KeyListFilters) => {
      setSelection(new Map());
      setStatus(null);
      // Typing in the search box replaces the entry; choosing a filter is a step back can undo.
      const typing = next.q !== filters.q;
      setSearchParams(filtersToQuery(next), { replace: typing });
    },
    [filters.q, setSearchParams],
  );

  const facets = useKeyFacets(accountId);
  const keys = useKeys(accountId, filters);
  const rows = keys.data?.pages.flatMap((page) => page.data) ?? [];
  const assignable = rows.filter((key) => key.abilities.assign);
  const selected = [...selection.values()];

  const toggle = (key: Key, checked: boolean) =>
    setSelection((current) => {
      const next = new Map(current);
      if (checked) next.set(key.id, key);
      else next.delete(key.id);
      return next;
    });

  return (
    <Card withBorder component="section" aria-labelledby="keys-title">
      <Title order={2} size="h3" id="keys-title">
        {t('list.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('list.intro', { account: accountName })}
      </Text>
      <KeysFilters filters={filters} facets={facets.data} onChange={changeFilters} />
      <VisuallyHidden role="status">
        {keys.isFetching && !keys.isFetchingNextPage
          ? tApp('app.loading')
          : keys.isSuccess
            ? t(keys.hasNextPage ? 'list.shownMore' : 'list.shown', { count: rows.length })
            : ''}
      </VisuallyHidden>
      <StatusText>{status}</StatusText>
      {keys.isPending ? (
        <PageLoader />
      ) : keys.isError && rows.length === 0 ? (
        <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{hasFilters(filters) ? t('list.emptyFiltered') : t('list.empty')}</Text>
      ) : (
        <>
          {assignable.length > 0 && (
            <BulkActions
              accountId={accountId}
              assignable={assignable}
              selected={selected}
              groups={facets.data?.keyGroups ?? []}
              canInvite={canInvite}
              onSelect={(chosen) => setSelection(new Map(chosen.map((key) => [key.id, key])))}
              onDone={(message) => {
                setSelection(new Map());
                setStatus(message);
              }}
            />
          )}
          <KeysTable
            keys={rows}
            listSearch={listSearch}
            selected={selection}
            onToggle={(key, checked) => {
              setStatus(null);
              toggle(key, checked);
            }}
          />
          {keys.isFetchNextPageError && <QueryError error={keys.error} onRetry={() => void keys.fetchNextPage()} />}
          <LoadMore
            hasMore={keys.hasNextPage}
            loading={keys.isFetchingNextPage}
            onLoadMore={() => void keys.fetchNextPage()}
          />
        </>
      )}
    </Card>
  );
}
