import './i18n/register';
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { DefinitionList } from '../../components/definition-list';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { useKey } from './api/get-key';
import { useKeyFacets } from './api/get-key-facets';
import type { Key } from './api/types';
import { ActivationsCard } from './components/activations-card';
import { AssignmentCard } from './components/assignment-card';
import type { KeyLinkState } from './components/keys-table';
import { CopyKeyButton, LicenseKeyText } from './components/license-key';
import { MaintenanceCard } from './components/maintenance-card';
import { OfflineActivationCard } from './components/offline-activation-card';
import { VersionCard } from './components/version-card';
import { useKeysTranslation } from './i18n/register';

/** One product key (`/keys/:keyId`): what it is, its maintenance, assignment and registration history. */
export function KeyPage() {
  const me = useMe();
  const { keyId = '' } = useParams();
  if (!me.areas.includes('keys') || !me.account) return <NotFound />;
  return <KeyDetail accountId={me.account.id} keyId={keyId} canInvite={me.abilities.manageUsers} />;
}

function BackLink() {
  const { t } = useKeysTranslation();
  const state = useLocation().state as Partial<KeyLinkState> | null;
  const search = typeof state?.listSearch === 'string' && state.listSearch ? `?${state.listSearch}` : '';
  return (
    <Anchor component={Link} to={`/keys${search}`} size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <ChevronLeftIcon size={16} />
        {t('key.back')}
      </Group>
    </Anchor>
  );
}

function KeyDetail({ accountId, keyId, canInvite }: { accountId: string; keyId: string; canInvite: boolean }) {
  const { t, tApp } = useKeysTranslation();
  const key = useKey(accountId, keyId);
  const facets = useKeyFacets(accountId);
  const title = key.data ? `${key.data.product.name} …${key.data.licenseKey.slice(-5)}` : t('key.keyLabel');
  useDocumentTitle(title, tApp('nav.keys'));

  if (key.isPending) return <PageLoader />;
  if (key.isError) {
    if (isApiError(key.error) && key.error.status === 404) return <NotFound />;
    return (
      <Stack gap="md">
        <BackLink />
        <QueryError error={key.error} onRetry={() => void key.refetch()} />
      </Stack>
    );
  }
  const data = key.data;
  const manages = data.abilities.assign || data.abilities.move;

  return (
    <Stack gap="lg">
      <BackLink />
      <KeyHeader keyData={data} />
      {data.status !== 'active' && (
        <Alert color="yellow" variant="light">
          <Text size="sm">{t('key.inactiveNotice')}</Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <MaintenanceCard keyData={data} />
        <VersionCard keyData={data} />
      </SimpleGrid>
      {manages && (
        <AssignmentCard
          accountId={accountId}
          keyData={data}
          groups={facets.data?.keyGroups ?? []}
          canInvite={canInvite}
          onReload={() => void key.refetch()}
        />
      )}
      <ActivationsCard accountId={accountId} keyData={data} />
      {data.abilities.offlineActivation && <OfflineActivationCard accountId={accountId} keyData={data} />}
    </Stack>
  );
}

/** The key itself (with copy), the product and edition as the page heading, and its main facts. */
function KeyHeader({ keyData }: { keyData: Key }) {
  const { t, tApp } = useKeysTranslation();
  const format = useFormat();
  const none = tApp('common.none');
  const assigned = keyData.assignedTo
    ? [keyData.assignedTo.name, keyData.assignedTo.email].filter(Boolean).join(', ')
    : t('assignment.nobody');

  return (
    <Card withBorder component="section" aria-labelledby="key-title">
      <Stack gap="sm">
        <div>
          <Title order={1} id="key-title" style={{ overflowWrap: 'anywhere' }}>
            {keyData.product.name}
            {keyData.edition ? ` ${keyData.edition.name}` : ''}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('key.keyLabel')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Text size="lg" fw={600} component="span" miw={0}>
              <LicenseKeyText value={keyData.licenseKey} masked={keyData.licenseKeyMasked} />
            </Text>
            {!keyData.licenseKeyMasked && <CopyKeyButton value={keyData.licenseKey} />}
            {keyData.status !== 'active' && (
              <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                {t(`key.statuses.${keyData.status}`)}
              </Badge>
            )}
          </Group>
          {keyData.licenseKeyMasked && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('key.masked')}
            </Text>
          )}
        </div>
        <DefinitionList
          items={[
            {
              term: t('key.seats'),
              value: t('list.seatsLabel', { used: format.number(keyData.seatsUsed), total: format.number(keyData.seats) }),
            },
            {
              term: t('key.term'),
              value:
                keyData.term === 'subscription' && keyData.validUntil
                  ? t('key.validUntil', { date: format.date(keyData.validUntil) })
                  : t(`key.terms.${keyData.term}`),
            },
            { term: t('group.title'), value: keyData.keyGroup?.name ?? none },
            { term: t('assignment.current'), value: assigned },
          ]}
        />
      </Stack>
    </Card>
  );
}
