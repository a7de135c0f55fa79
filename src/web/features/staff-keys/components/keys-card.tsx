import { Button, Card, Group, SimpleGrid, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { SearchIcon } from '../../../components/icons';
import { LoadMore } from '../../../components/load-more';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/format';
import type { AccountChoice } from '../../../components/account-select';
import { type StaffKey, useStaffKeys } from '../api/staff-keys';
import { useStaffKeysTranslation } from '../i18n/register';
import { AccountSelect } from '../../../components/account-select';
import { IssueDialog } from './issue-dialog';
import { StatusActions } from './status-actions';

/** Keys of every account (or of one), newest first; billing staff and admins issue new ones. */
export function KeysCard({ canIssue, onStatus }: { canIssue: boolean; onStatus: (message: string) => void }) {
  const { t, tApp } = useStaffKeysTranslation();
  const format = useFormat();
  const [account, setAccount] = useState<AccountChoice | null>(null);
  const [input, setInput] = useState('');
  const [q] = useDebouncedValue(input.trim(), 300);
  const [issuing, setIssuing] = useState(false);
  // A new dialog per opening starts from the account in the filter.
  const [dialogKey, setDialogKey] = useState(0);
  const keys = useStaffKeys({ accountId: account?.id ?? '', q }, true);
  const rows = keys.data?.pages.flatMap((page) => page.data) ?? [];
  const filtered = !!account || q !== '';

  return (
    <Card withBorder component="section" aria-labelledby="staff-keys-title">
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <Title order={2} size="h3" id="staff-keys-title">
          {t('keys.title')}
        </Title>
        {canIssue && (
          <Button
            onClick={() => {
              setDialogKey((n) => n + 1);
              setIssuing(true);
            }}
          >
            {t('keys.issue')}
          </Button>
        )}
      </Group>
      <search>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md">
          <AccountSelect label={t('keys.account')} placeholder={t('keys.allAccounts')} clearable value={account?.id ?? ''} onChange={setAccount} />
          <TextInput
            label={t('keys.search')}
            description={t('keys.searchHint')}
            type="search"
            leftSection={<SearchIcon size={16} />}
            value={input}
            onChange={(event) => setInput(event.currentTarget.value)}
          />
        </SimpleGrid>
      </search>
      <VisuallyHidden role="status">
        {keys.isFetching && !keys.isFetchingNextPage ? tApp('app.loading') : keys.isSuccess ? t('keys.shown', { count: rows.length }) : ''}
      </VisuallyHidden>
      {keys.isPending ? (
        <PageLoader />
      ) : keys.isError && rows.length === 0 ? (
        <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{filtered ? t('keys.emptyFiltered') : t('keys.empty')}</Text>
      ) : (
        <>
          <DataTable<StaffKey>
            label={t('keys.table')}
            rows={rows}
            rowKey={(k) => k.id}
            columns={[
              {
                key: 'key',
                header: t('keys.key'),
                cell: (k) => (
                  <Text span inherit ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {k.licenseKey}
                  </Text>
                ),
              },
              {
                key: 'account',
                header: t('keys.account'),
                cell: (k) => (
                  <>
                    <Text span size="sm" display="block">
                      {k.account.name}
                    </Text>
                    <Text span size="xs" c="dimmed" display="block">
                      {k.account.number}
                    </Text>
                  </>
                ),
              },
              { key: 'product', header: t('keys.product'), cell: (k) => (k.edition ? `${k.product} ${k.edition}` : k.product) },
              {
                key: 'seats',
                header: t('keys.seats'),
                nowrap: true,
                cell: (k) => t('keys.seatsUsed', { used: format.number(k.seatsUsed), total: format.number(k.seats) }),
              },
              { key: 'group', header: t('keys.keyGroup'), cell: (k) => k.keyGroup?.name ?? t('common.none') },
              {
                key: 'maintenance',
                header: t('keys.maintenance'),
                cell: (k) =>
                  k.maintenanceEnd ? (
                    <>
                      <time dateTime={k.maintenanceEnd}>{format.date(k.maintenanceEnd)}</time>
                      <Text span size="xs" c="dimmed" display="block">
                        {t(`keys.maintenanceStatuses.${k.maintenanceStatus}`)}
                      </Text>
                    </>
                  ) : (
                    t('common.none')
                  ),
              },
              { key: 'status', header: t('keys.status'), cell: (k) => t(`keys.statuses.${k.status}`) },
              ...(canIssue
                ? [{ key: 'actions', header: t('status.actions'), cell: (k: StaffKey) => <StatusActions keyRow={k} onDone={onStatus} /> }]
                : []),
            ]}
          />
          {keys.isFetchNextPageError && <QueryError error={keys.error} onRetry={() => void keys.fetchNextPage()} />}
          <LoadMore hasMore={keys.hasNextPage} loading={keys.isFetchingNextPage} onLoadMore={() => void keys.fetchNextPage()} />
        </>
      )}
      {canIssue && (
        <IssueDialog
          key={dialogKey}
          opened={issuing}
          onClose={() => setIssuing(false)}
          initialAccount={account}
          onIssued={(message, issuedTo) => {
            setIssuing(false);
            setAccount(issuedTo);
            onStatus(message);
          }}
        />
      )}
    </Card>
  );
}
