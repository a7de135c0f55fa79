import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/load-more';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/format';
import { type AccountKey, useAccountKeys } from '../api/account-keys';
import type { MaintenanceStatus, StaffCase } from '../api/staff-cases';
import { useStaffCasesTranslation } from '../i18n/register';

const MAINTENANCE_COLORS: Record<MaintenanceStatus, string> = { active: 'teal', expiring: 'yellow', expired: 'red', none: 'gray' };

/** The account at hand: name and number, its other cases, and its product keys with their maintenance. */
export function AccountCard({ kase, showKeys }: { kase: StaffCase; showKeys: boolean }) {
  const { t } = useStaffCasesTranslation();
  const { account } = kase;
  return (
    <Card withBorder component="section" aria-labelledby="account-title">
      <Title order={2} size="h4" id="account-title" mb="xs">
        {t('account.title')}
      </Title>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {account.name}
      </Text>
      <Text size="sm" c="dimmed" ff="monospace" mb="xs">
        {account.number}
      </Text>
      <Stack gap={4} mb="md">
        <Anchor component={Link} to={`/console/accounts?q=${encodeURIComponent(account.number)}`} size="sm">
          {t('account.open')}
        </Anchor>
        <Anchor component={Link} to={`/console/cases?status=all&account=${encodeURIComponent(account.id)}`} size="sm">
          {t('account.otherCases')}
        </Anchor>
      </Stack>
      {showKeys && <AccountKeys accountId={account.id} accountName={account.name} caseKey={caseKeyOf(kase)} />}
    </Card>
  );
}

/** The case's own key as the case knows it, so it leads the list even when it is not on the first page. */
function caseKeyOf(kase: StaffCase): AccountKey | null {
  if (!kase.key) return null;
  return {
    id: kase.key.id,
    licenseKey: `…${kase.key.licenseKeyTail}`,
    product: kase.product?.name ?? '',
    edition: null,
    maintenanceEnd: kase.key.maintenanceEnd,
    maintenanceStatus: kase.key.maintenanceStatus,
    status: kase.key.status as AccountKey['status'],
  };
}

function AccountKeys({ accountId, accountName, caseKey }: { accountId: string; accountName: string; caseKey: AccountKey | null }) {
  const { t } = useStaffCasesTranslation();
  const keys = useAccountKeys(accountId, true);
  const loaded = keys.data?.pages.flatMap((page) => page.data) ?? [];
  const caseKeyId = caseKey?.id ?? null;
  // The case's own key leads the list (the loaded copy, with the whole key, when it is on a page).
  const own = loaded.find((key) => key.id === caseKeyId) ?? caseKey;
  const rows = [...(own ? [own] : []), ...loaded.filter((key) => key.id !== caseKeyId)];
  return (
    <>
      <Title order={3} size="h5" mb="xs">
        {t('account.keys')}
      </Title>
      {keys.isPending ? (
        <PageLoader />
      ) : keys.isError && rows.length === 0 ? (
        <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('account.noKeys')}</Text>
      ) : (
        <>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('account.keysTable', { account: accountName })}>
            {rows.map((key) => (
              <KeyItem key={key.id} keyData={key} isCaseKey={key.id === caseKeyId} />
            ))}
          </Stack>
          <LoadMore hasMore={keys.hasNextPage} loading={keys.isFetchingNextPage} onLoadMore={() => void keys.fetchNextPage()} />
        </>
      )}
    </>
  );
}

function KeyItem({ keyData, isCaseKey }: { keyData: AccountKey; isCaseKey: boolean }) {
  const { t } = useStaffCasesTranslation();
  const format = useFormat();
  return (
    <Card component="li" withBorder padding="xs" style={isCaseKey ? { borderColor: 'var(--mantine-color-indigo-6)', borderWidth: 2 } : undefined}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500}>
          {keyData.edition ? `${keyData.product} ${keyData.edition}` : keyData.product}
        </Text>
        {isCaseKey && (
          <Badge size="sm" variant="light" styles={{ root: { textTransform: 'none' } }}>
            {t('account.thisCase')}
          </Badge>
        )}
      </Group>
      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {keyData.licenseKey}
      </Text>
      <Group gap={6} mt={4} wrap="wrap">
        <Badge size="sm" variant="light" color={MAINTENANCE_COLORS[keyData.maintenanceStatus]} styles={{ root: { textTransform: 'none' } }}>
          {t('account.maintenance')}: {t(`maintenance.${keyData.maintenanceStatus}`)}
        </Badge>
        {keyData.maintenanceEnd && (
          <Text span size="xs" c="dimmed">
            {t('case.maintenanceUntil', { date: format.date(keyData.maintenanceEnd) })}
          </Text>
        )}
        {keyData.status !== 'active' && (
          <Badge size="sm" variant="light" color="red" styles={{ root: { textTransform: 'none' } }}>
            {t(`account.keyStatuses.${keyData.status}`)}
          </Badge>
        )}
      </Group>
    </Card>
  );
}
