import { Button, Group, NativeSelect, SimpleGrid } from '@mantine/core';
import { SearchField } from '../../../components/filter-fields';
import { DownloadIcon } from '../../../components/icons';
import { useAddressSearch } from '../../../lib/use-address-search';
import type { KeyFacets } from '../api/get-key-facets';
import { useKeysTranslation } from '../i18n/register';
import {
  csvExportHref,
  EMPTY_FILTERS,
  hasFilters,
  KEY_FILTERS,
  type KeyFilter,
  type KeyListFilters,
  NO_KEY_GROUP,
} from '../key-filters';

/**
 * Search, quick filter, product and key group, plus the CSV export of what they select. The caller
 * keeps the filters in the address; the search box writes there after a short pause in typing.
 */
export function KeysFilters({
  filters,
  facets,
  onChange,
}: {
  filters: KeyListFilters;
  facets: KeyFacets | undefined;
  onChange: (filters: KeyListFilters) => void;
}) {
  const { t } = useKeysTranslation();
  const [input, setInput] = useAddressSearch(filters, onChange);

  const products = facets?.products ?? [];
  const groups = facets?.keyGroups ?? [];
  // A bookmarked id that is no longer among the choices stays selectable, so the select shows the truth.
  const withCurrent = (options: { value: string; label: string }[], current: string | null) =>
    current && !options.some((option) => option.value === current) ? [...options, { value: current, label: current }] : options;

  return (
    <search aria-label={t('list.filtersLabel')}>
      {/* Aligned at the bottom: only the search box has a hint under its label. */}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="sm" style={{ alignItems: 'end' }}>
        <SearchField label={t('list.search')} hint={t('list.searchHint')} value={input} onChange={setInput} />
        <NativeSelect
          label={t('list.show')}
          value={filters.filter ?? ''}
          onChange={(event) => onChange({ ...filters, filter: (event.currentTarget.value || null) as KeyFilter | null })}
          data={[
            { value: '', label: t('list.filters.all') },
            ...KEY_FILTERS.map((value) => ({ value, label: t(`list.filters.${value}`) })),
          ]}
        />
        <NativeSelect
          label={t('list.product')}
          value={filters.product ?? ''}
          onChange={(event) => onChange({ ...filters, product: event.currentTarget.value || null })}
          data={withCurrent(
            [
              { value: '', label: t('list.allProducts') },
              ...products.map((product) => ({ value: product.id, label: product.name })),
            ],
            filters.product,
          )}
        />
        {/* Members see no key groups: a group filter would have nothing to choose from. */}
        {(!facets || groups.length > 0 || filters.keyGroup) && (
          <NativeSelect
            label={t('list.keyGroup')}
            value={filters.keyGroup ?? ''}
            onChange={(event) => onChange({ ...filters, keyGroup: event.currentTarget.value || null })}
            data={withCurrent(
              [
                { value: '', label: t('list.allKeyGroups') },
                ...groups.map((group) => ({ value: group.id, label: group.name })),
                { value: NO_KEY_GROUP, label: t('list.noKeyGroup') },
              ],
              filters.keyGroup,
            )}
          />
        )}
      </SimpleGrid>
      <Group justify="space-between" gap="sm" mb="md">
        <div>
          {hasFilters(filters) && (
            <Button variant="subtle" size="compact-sm" onClick={() => onChange(EMPTY_FILTERS)}>
              {t('list.reset')}
            </Button>
          )}
        </div>
        <Button
          component="a"
          href={csvExportHref(filters)}
          download
          variant="default"
          size="sm"
          leftSection={<DownloadIcon size={16} />}
        >
          {t('list.export')}
        </Button>
      </Group>
    </search>
  );
}
