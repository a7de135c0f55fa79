import { Anchor, Badge, Checkbox, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import { EmailText } from './email-text';
import { CopyKeyButton, LicenseKeyText } from './license-key';
import { MaintenanceBadge } from './maintenance-badge';

/** Where a key page's "back" link returns to: the list with the filters it was opened from. */
export type KeyLinkState = { listSearch: string };

/**
 * The key list: a table on wide screens, cards on phones (the key heads each card). Rows the user
 * may assign get a checkbox for the bulk actions.
 */
export function KeysTable({
  keys,
  listSearch,
  selected,
  onToggle,
}: {
  keys: Key[];
  listSearch: string;
  selected: ReadonlyMap<string, Key>;
  onToggle: (key: Key, checked: boolean) => void;
}) {
  const { t, tApp } = useKeysTranslation();
  const format = useFormat();
  const none = tApp('common.none');
  const state: KeyLinkState = { listSearch };

  return (
    <DataTable
      label={t('list.table')}
      rows={keys}
      rowKey={(key) => key.id}
      columns={[
        {
          key: 'key',
          header: t('list.columns.key'),
          cell: (key) => (
            <Group gap={6} wrap="nowrap" component="span">
              {key.abilities.assign && (
                <Checkbox
                  aria-label={t('list.select', { suffix: key.licenseKey.slice(-5) })}
                  checked={selected.has(key.id)}
                  onChange={(event) => onToggle(key, event.currentTarget.checked)}
                />
              )}
              {/* Named explicitly: the key's groups are inline blocks, which would add spaces to the name. */}
              <Anchor
                component={Link}
                to={`/keys/${key.id}`}
                state={state}
                size="xs"
                miw={0}
                aria-label={key.licenseKeyMasked ? t('key.endsWith', { suffix: key.licenseKey.slice(-5) }) : key.licenseKey}
              >
                <LicenseKeyText value={key.licenseKey} masked={key.licenseKeyMasked} />
              </Anchor>
              {!key.licenseKeyMasked && <CopyKeyButton value={key.licenseKey} size="sm" />}
              {key.status !== 'active' && (
                <Badge variant="light" color="red" size="sm">
                  {t(`key.statuses.${key.status}`)}
                </Badge>
              )}
            </Group>
          ),
        },
        {
          key: 'product',
          header: t('list.columns.product'),
          cell: (key) => (
            <>
              <Text span size="sm" display="block">
                {key.product.name}
              </Text>
              {key.edition && (
                <Text span size="xs" c="dimmed" display="block">
                  {key.edition.name}
                </Text>
              )}
            </>
          ),
        },
        {
          key: 'seats',
          header: t('list.columns.seats'),
          align: 'end',
          nowrap: true,
          cell: (key) => (
            <span title={t('list.seatsLabel', { used: format.number(key.seatsUsed), total: format.number(key.seats) })}>
              {t('list.seats', { used: format.number(key.seatsUsed), total: format.number(key.seats) })}
            </span>
          ),
        },
        { key: 'group', header: t('list.columns.keyGroup'), cell: (key) => key.keyGroup?.name ?? none },
        {
          key: 'assigned',
          header: t('list.columns.assignedTo'),
          cell: (key) =>
            key.assignedTo ? (
              <>
                <Text span size="sm" display="block">
                  {key.assignedTo.name ?? key.assignedTo.email}
                </Text>
                {key.assignedTo.name && key.assignedTo.email && (
                  <Text span size="xs" c="dimmed" display="block">
                    <EmailText email={key.assignedTo.email} />
                  </Text>
                )}
              </>
            ) : (
              none
            ),
        },
        {
          key: 'maintenance',
          header: t('list.columns.maintenance'),
          cell: (key) => (
            <Stack gap={2} align="flex-start">
              {key.maintenance.end && (
                <time dateTime={key.maintenance.end} style={{ whiteSpace: 'nowrap' }}>
                  {format.date(key.maintenance.end)}
                </time>
              )}
              <MaintenanceBadge status={key.maintenance.status} short />
            </Stack>
          ),
        },
        {
          key: 'version',
          header: t('list.columns.version'),
          cell: (key) =>
            key.lastUsedVersion ? (
              <Stack gap={2} align="flex-start">
                <Text span size="sm" ff="monospace">
                  {key.lastUsedVersion}
                </Text>
                {key.updateHint ? (
                  <Badge variant="light" color="indigo" size="sm" title={key.updateHint.latest.version} styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}>
                    {t('version.behind', { count: key.updateHint.behind })}
                  </Badge>
                ) : (
                  key.updateAvailable && (
                    <Badge
                      variant="light"
                      color="indigo"
                      size="sm"
                      title={key.product.latestVersion ?? undefined}
                      styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}
                    >
                      <span aria-hidden="true">{t('version.updateShort')}</span>
                      <VisuallyHidden>{t('version.updateAvailable')}</VisuallyHidden>
                    </Badge>
                  )
                )}
              </Stack>
            ) : (
              none
            ),
        },
        {
          key: 'lastSeen',
          header: t('list.columns.lastSeen'),
          nowrap: true,
          cell: (key) =>
            key.lastSeenAt ? <time dateTime={key.lastSeenAt}>{format.date(key.lastSeenAt)}</time> : t('list.never'),
        },
      ]}
    />
  );
}
