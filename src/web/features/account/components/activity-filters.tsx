import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DownloadIcon } from '../../../components/icons';
import { actionGroups } from '../action-options';
import {
  type ActivityFilters as Filters,
  activityCsvHref,
  EMPTY_ACTIVITY_FILTERS,
  hasActivityFilters,
  rangeIsInverted,
} from '../activity-filters';
import type { AccountPerson } from '../api/get-account-people';
import { ACCOUNT_NS, useAccountTranslation } from '../i18n/register';

/**
 * Action, person and day range of the activity log, plus the CSV export of what they select. The
 * caller keeps the filters in the address. Native selects and date fields: keyboard- and
 * phone-friendly without extra code.
 */
export function ActivityFilters({
  filters,
  people,
  onChange,
}: {
  filters: Filters;
  /** The account's users for the person filter; undefined hides it (only user managers may list them). */
  people: AccountPerson[] | undefined;
  /** The fields that changed; the page merges them into the filters in the address. */
  onChange: (patch: Partial<Filters>) => void;
}) {
  const { t } = useAccountTranslation();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;

  const groups = actionGroups(i18n.getResource(language, 'translation', 'account.activity.actions'), {
    groupLabel: (code) => {
      const key = `activity.groups.${code}`;
      return i18n.exists(key, { ns: ACCOUNT_NS }) ? t(key as never) : code;
    },
    allOfGroup: (group) => t('activity.allOfGroup', { group }),
  });
  const knownAction = !filters.action || groups.some((group) => group.items.some((item) => item.value === filters.action));
  const knownPerson = !filters.userId || people?.some((person) => person.id === filters.userId);
  const inverted = rangeIsInverted(filters);

  return (
    <search aria-label={t('activity.filtersLabel')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: people ? 4 : 3 }} spacing="sm" mb="sm" style={{ alignItems: 'end' }}>
        <NativeSelect
          label={t('activity.action')}
          value={filters.action ?? ''}
          onChange={(event) => onChange({ action: event.currentTarget.value || null })}
          data={[
            { value: '', label: t('activity.allActions') },
            // A bookmarked code without a text here stays selectable, so the select shows the truth.
            ...(knownAction || !filters.action ? [] : [{ value: filters.action, label: filters.action }]),
            ...groups.map(({ group, items }) => ({ group, items })),
          ]}
        />
        {people && (
          <NativeSelect
            label={t('activity.user')}
            value={filters.userId ?? ''}
            onChange={(event) => onChange({ userId: event.currentTarget.value || null })}
            data={[
              { value: '', label: t('activity.allUsers') },
              ...people.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` })),
              ...(knownPerson || !filters.userId ? [] : [{ value: filters.userId, label: filters.userId }]),
            ]}
          />
        )}
        <TextInput
          type="date"
          label={t('activity.from')}
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(event) => onChange({ from: event.currentTarget.value || null })}
        />
        <TextInput
          type="date"
          label={t('activity.to')}
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(event) => onChange({ to: event.currentTarget.value || null })}
          error={inverted ? t('activity.rangeError') : undefined}
        />
      </SimpleGrid>
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div>
          {hasActivityFilters(filters) && (
            <Button variant="subtle" size="compact-sm" onClick={() => onChange(EMPTY_ACTIVITY_FILTERS)}>
              {t('activity.reset')}
            </Button>
          )}
        </div>
        <Stack gap={4} align="flex-end">
          <Button
            component="a"
            href={activityCsvHref(filters)}
            download
            variant="default"
            size="sm"
            leftSection={<DownloadIcon size={16} />}
            aria-describedby="activity-export-hint"
          >
            {t('activity.export')}
          </Button>
          <Text size="xs" c="dimmed" id="activity-export-hint" ta="end">
            {t('activity.exportHint')}
          </Text>
        </Stack>
      </Group>
    </search>
  );
}
