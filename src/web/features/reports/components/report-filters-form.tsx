import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { Facets } from '../api/reports';
import { useReportsTranslation } from '../i18n/register';
import { CASE_SEVERITIES, CASE_TYPES, KEY_STATUSES, MAINTENANCE_WINDOWS, type ReportFilters } from '../report-filters';

const NONE = 'none';

/**
 * The filters a report takes (`allowed`, from the server), each a native control: keyboard and
 * screen reader work as the platform's do, and phones show their own date and list pickers.
 * Every change goes to the address at once (bookmarkable); the report reloads from there.
 */
export function ReportFiltersForm({
  allowed,
  filters,
  facets,
  currencies,
  defaults,
  onChange,
}: {
  allowed: readonly string[];
  filters: ReportFilters;
  facets: Facets | undefined;
  currencies: string[];
  /** The values the server applied where the address has none (the default window, date range). */
  defaults: Record<string, string | number>;
  onChange: (next: ReportFilters) => void;
}) {
  const { t } = useReportsTranslation();
  const set = (name: keyof ReportFilters, value: string) => {
    const next = { ...filters };
    if (value) next[name] = value;
    else delete next[name];
    onChange(next);
  };
  const has = (name: string) => allowed.includes(name);
  const tx = (key: string, vars?: Record<string, unknown>) => t(key as never, vars as never) as unknown as string;

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {has('from') && (
          <TextInput type="date" label={t('filters.from')} value={filters.from ?? String(defaults.from ?? '')} max={filters.to} onChange={(e) => set('from', e.currentTarget.value)} />
        )}
        {has('to') && (
          <TextInput type="date" label={t('filters.to')} value={filters.to ?? String(defaults.to ?? '')} min={filters.from} onChange={(e) => set('to', e.currentTarget.value)} />
        )}
        {has('product') && (
          <NativeSelect
            label={t('filters.product')}
            value={filters.product ?? ''}
            onChange={(e) => set('product', e.currentTarget.value)}
            data={[{ value: '', label: t('filters.allProducts') }, ...(facets?.products ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          />
        )}
        {has('keyGroup') && facets && (
          <NativeSelect
            label={t('filters.keyGroup')}
            value={filters.keyGroup ?? ''}
            onChange={(e) => set('keyGroup', e.currentTarget.value)}
            data={[
              { value: '', label: t('filters.allKeyGroups') },
              { value: NONE, label: t('filters.noKeyGroup') },
              ...facets.keyGroups.map((g) => ({ value: g.id, label: g.name })),
            ]}
          />
        )}
        {has('status') && (
          <NativeSelect
            label={t('filters.status')}
            value={filters.status ?? ''}
            onChange={(e) => set('status', e.currentTarget.value)}
            data={[{ value: '', label: t('filters.allStatuses') }, ...KEY_STATUSES.map((s) => ({ value: s, label: tx(`values.status.${s}`) }))]}
          />
        )}
        {has('within') && (
          <NativeSelect
            label={t('filters.within')}
            value={filters.within ?? String(defaults.within ?? '90')}
            onChange={(e) => set('within', e.currentTarget.value)}
            data={MAINTENANCE_WINDOWS.map((d) => ({ value: d, label: t('filters.withinDays', { count: Number(d) }) }))}
          />
        )}
        {has('staleDays') && (
          <TextInput
            type="number"
            min={1}
            max={3650}
            label={t('filters.staleDays')}
            value={filters.staleDays ?? String(defaults.staleDays ?? '')}
            onChange={(e) => set('staleDays', e.currentTarget.value)}
          />
        )}
        {has('type') && (
          <NativeSelect
            label={t('filters.type')}
            value={filters.type ?? ''}
            onChange={(e) => set('type', e.currentTarget.value)}
            data={[{ value: '', label: t('filters.allTypes') }, ...CASE_TYPES.map((s) => ({ value: s, label: tx(`values.type.${s}`) }))]}
          />
        )}
        {has('severity') && (
          <NativeSelect
            label={t('filters.severity')}
            value={filters.severity ?? ''}
            onChange={(e) => set('severity', e.currentTarget.value)}
            data={[{ value: '', label: t('filters.allSeverities') }, ...CASE_SEVERITIES.map((s) => ({ value: s, label: tx(`values.severity.${s}`) }))]}
          />
        )}
        {has('currency') && (
          <NativeSelect
            label={t('filters.currency')}
            value={filters.currency ?? ''}
            onChange={(e) => set('currency', e.currentTarget.value)}
            data={[{ value: '', label: t('filters.allCurrencies') }, ...[...new Set([...currencies, ...(filters.currency ? [filters.currency] : [])])].sort()]}
          />
        )}
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        {(has('from') || has('to')) && (
          <Text size="xs" c="dimmed">
            {t('filters.defaultRange')}
          </Text>
        )}
        {Object.keys(filters).length > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({})}>
            {t('filters.reset')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
