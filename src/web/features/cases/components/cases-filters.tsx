import { Button, Group, NativeSelect, SimpleGrid } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { DateRangeFields, SearchField } from '../../../components/filter-fields';
import { DownloadIcon } from '../../../components/icons';
import { useAddressSearch } from '../../../lib/use-address-search';
import {
  CASE_SEVERITIES,
  CASE_SORTS,
  CASE_STATUSES,
  CASE_TYPES,
  type CaseSeverity,
  type CaseSort,
  type CaseStatus,
  type CaseType,
  type CaseView,
  type FormOptions,
} from '../api/types';
import { type CaseListFilters, csvExportHref, EMPTY_FILTERS, hasFilters } from '../case-filters';
import { useCasesTranslation } from '../i18n/register';

/**
 * Search, status, type, severity, product, contact, date range and sort, plus the CSV export of
 * what they select. The caller keeps the filters in the address; the search box writes there after
 * a short pause in typing.
 */
export function CasesFilters({
  filters,
  view,
  options,
  onChange,
}: {
  filters: CaseListFilters;
  view: CaseView | null;
  options: FormOptions | undefined;
  onChange: (filters: CaseListFilters) => void;
}) {
  const { t } = useCasesTranslation();
  const [input, setInput] = useAddressSearch(filters, onChange);

  // On phones the less used filters fold away behind a button, so the list starts on the first screen.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const advancedSet = Boolean(filters.type || filters.severity || filters.product || filters.contact || filters.from || filters.to);
  const [unfolded, setUnfolded] = useState(advancedSet);
  const showAll = wide || unfolded;

  const products = new Map<string, string>();
  for (const key of options?.keys ?? []) products.set(key.product.id, key.product.name);
  const people = options?.people ?? [];
  // A bookmarked id that is no longer among the choices stays selectable, so the select shows the truth.
  const withCurrent = (choices: { value: string; label: string }[], current: string | null) =>
    current && !choices.some((choice) => choice.value === current) ? [...choices, { value: current, label: current }] : choices;

  const advanced = (
    <>
        <NativeSelect
          label={t('fields.type')}
          value={filters.type ?? ''}
          onChange={(event) => onChange({ ...filters, type: (event.currentTarget.value || null) as CaseType | null })}
          data={[{ value: '', label: t('list.any') }, ...CASE_TYPES.map((value) => ({ value, label: t(`type.${value}`) }))]}
        />
        <NativeSelect
          label={t('fields.severity')}
          value={filters.severity ?? ''}
          onChange={(event) => onChange({ ...filters, severity: (event.currentTarget.value || null) as CaseSeverity | null })}
          data={[{ value: '', label: t('list.any') }, ...CASE_SEVERITIES.map((value) => ({ value, label: t(`severity.${value}.label`) }))]}
        />
        <NativeSelect
          label={t('fields.product')}
          value={filters.product ?? ''}
          onChange={(event) => onChange({ ...filters, product: event.currentTarget.value || null })}
          data={withCurrent(
            [{ value: '', label: t('list.allProducts') }, ...[...products].map(([value, label]) => ({ value, label }))],
            filters.product,
          )}
        />
        <NativeSelect
          label={t('fields.contact')}
          value={filters.contact ?? ''}
          onChange={(event) => onChange({ ...filters, contact: event.currentTarget.value || null })}
          data={withCurrent(
            [{ value: '', label: t('list.anyone') }, ...people.map((person) => ({ value: person.userId, label: person.name }))],
            filters.contact,
          )}
        />
        <DateRangeFields
          fromLabel={t('list.from')}
          toLabel={t('list.to')}
          from={filters.from}
          to={filters.to}
          onChange={(range) => onChange({ ...filters, ...range })}
        />
    </>
  );

  return (
    <search aria-label={t('list.filtersLabel')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="sm" style={{ alignItems: 'end' }}>
        <SearchField label={t('list.search')} hint={t('list.searchHint')} value={input} onChange={setInput} />
        <NativeSelect
          label={t('fields.status')}
          value={filters.status ?? ''}
          onChange={(event) => onChange({ ...filters, status: (event.currentTarget.value || null) as CaseStatus | null })}
          data={[{ value: '', label: t('list.any') }, ...CASE_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))]}
        />
        <NativeSelect
          label={t('list.sort')}
          value={filters.sort}
          // The recently viewed cases come in the order they were viewed.
          disabled={view === 'recent'}
          onChange={(event) => onChange({ ...filters, sort: event.currentTarget.value as CaseSort })}
          data={CASE_SORTS.map((value) => ({ value, label: t(`list.sorts.${value}`) }))}
        />
        {showAll && advanced}
      </SimpleGrid>
      <Group justify="space-between" gap="sm" mb="md">
        <Group gap="xs">
          {!wide && (
            <Button variant="default" size="compact-sm" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
              {unfolded ? t('list.fewerFilters') : t('list.moreFilters')}
            </Button>
          )}
          {hasFilters(filters) && (
            <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...EMPTY_FILTERS, view: filters.view, sort: filters.sort })}>
              {t('list.reset')}
            </Button>
          )}
        </Group>
        {view && (
          <Button component="a" href={csvExportHref(filters, view)} download variant="default" size="sm" leftSection={<DownloadIcon size={16} />}>
            {t('list.export')}
          </Button>
        )}
      </Group>
    </search>
  );
}
