import { Badge, Button, Card, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { type DataColumn, DataTable } from '../../../components/data-table';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/format';
import { useActivations } from '../api/get-activations';
import { useReleaseActivation } from '../api/release-activation';
import type { Activation, Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import { ConfirmDialog } from './confirm-dialog';
import { StatusText } from './status-text';

/**
 * Registrierungsverlauf: every activation and deactivation of the key. Those who may release a
 * seat get "Freigeben" on active rows, behind a confirmation; the server enforces the limits.
 */
export function ActivationsCard({ accountId, keyData }: { accountId: string; keyData: Key }) {
  const { t, tApp, problem } = useKeysTranslation();
  const format = useFormat();
  const activations = useActivations(accountId, keyData.id);
  const release = useReleaseActivation(accountId);
  const [releasing, setReleasing] = useState<Activation | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const machine = (activation: Activation) => activation.hostname || t('activations.unknownMachine');

  const confirmRelease = () => {
    if (!releasing) return;
    release.mutate(
      { keyId: keyData.id, activationId: releasing.id },
      {
        onSuccess: ({ releasesLeftThisMonth }) => {
          setReleasing(null);
          setStatus(t('activations.released', { count: releasesLeftThisMonth }));
        },
      },
    );
  };

  const columns: DataColumn<Activation>[] = [
    {
      key: 'machine',
      header: t('activations.machine'),
      cell: (activation) => (
        <>
          <Text span size="sm" fw={600} display="block" style={{ overflowWrap: 'anywhere' }}>
            {machine(activation)}
          </Text>
          <Text span size="xs" c="dimmed" display="block" ff="monospace">
            {t('activations.fingerprint', { fingerprint: activation.fingerprint })}
          </Text>
        </>
      ),
    },
    { key: 'os', header: t('activations.os'), cell: (activation) => activation.os ?? tApp('common.none') },
    {
      key: 'version',
      header: t('activations.version'),
      cell: (activation) => (
        <Text span inherit ff="monospace">
          {activation.softwareVersion ?? tApp('common.none')}
        </Text>
      ),
    },
    {
      key: 'activated',
      header: t('activations.activated'),
      cell: (activation) => (
        <>
          <time dateTime={activation.activatedAt} style={{ display: 'block', whiteSpace: 'nowrap' }}>
            {format.dateTime(activation.activatedAt)}
          </time>
          <Text span size="xs" c="dimmed" display="block">
            {activation.activatedBy
              ? t('activations.by', { name: activation.activatedBy.name })
              : t('activations.bySoftware')}
          </Text>
        </>
      ),
    },
    {
      key: 'method',
      header: t('activations.method'),
      cell: (activation) => t(`activations.methods.${activation.method}`),
    },
    {
      key: 'deactivated',
      header: t('activations.deactivated'),
      cell: (activation) =>
        activation.deactivatedAt ? (
          <>
            <time dateTime={activation.deactivatedAt} style={{ display: 'block', whiteSpace: 'nowrap' }}>
              {format.dateTime(activation.deactivatedAt)}
            </time>
            <Text span size="xs" c="dimmed" display="block">
              {[
                activation.deactivation && t(`activations.deactivations.${activation.deactivation}`),
                activation.deactivatedBy && t('activations.by', { name: activation.deactivatedBy.name }),
              ]
                .filter(Boolean)
                .join(', ')}
            </Text>
          </>
        ) : (
          tApp('common.none')
        ),
    },
    {
      key: 'status',
      header: t('activations.status'),
      cell: (activation) => (
        <Badge variant="light" color={activation.status === 'active' ? 'teal' : 'gray'}>
          {t(`activations.statuses.${activation.status}`)}
        </Badge>
      ),
    },
  ];
  if (keyData.abilities.release) {
    columns.push({
      key: 'actions',
      header: t('activations.actions'),
      cell: (activation) =>
        activation.status === 'active' ? (
          <Button
            size="xs"
            variant="default"
            aria-label={t('activations.releaseLabel', { machine: machine(activation) })}
            onClick={() => {
              release.reset();
              setStatus(null);
              setReleasing(activation);
            }}
          >
            {t('activations.release')}
          </Button>
        ) : (
          tApp('common.none')
        ),
    });
  }

  const rows = activations.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="activations-title">
      <Title order={2} size="h4" id="activations-title">
        {t('activations.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('activations.intro')}
      </Text>
      <StatusText>{status}</StatusText>
      {activations.isPending ? (
        <PageLoader />
      ) : activations.isError ? (
        <QueryError error={activations.error} onRetry={() => void activations.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('activations.empty')}</Text>
      ) : (
        <DataTable label={t('activations.table')} rows={rows} rowKey={(activation) => activation.id} columns={columns} />
      )}
      <ConfirmDialog
        opened={releasing !== null}
        title={t('activations.releaseTitle')}
        confirmLabel={t('activations.releaseConfirm')}
        pending={release.isPending}
        error={release.isError ? problem(release.error) : null}
        onConfirm={confirmRelease}
        onClose={() => setReleasing(null)}
      >
        <Text size="sm">{releasing ? t('activations.releaseText', { machine: machine(releasing) }) : ''}</Text>
        <Text size="sm" c="dimmed">
          {t('activations.releaseLimits')}
        </Text>
      </ConfirmDialog>
    </Card>
  );
}
