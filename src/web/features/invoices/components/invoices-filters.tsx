import { Button, Group, SimpleGrid, } from '@mantine/core';
import { DateRangeFields, SearchField } from '../../../components/filter-fields';
import { useAddressSearch } from '../../../lib/use-address-search';
import { hasFilters, type InvoiceListFilters } from '../invoice-filters';
import { useInvoicesTranslation } from '../i18n/register';

/** Search by number and the issue-date range; the caller keeps them in the address. */
export function InvoicesFilters({ filters, onChange }: { filters: InvoiceListFilters; onChange: (filters: InvoiceListFilters) => void }) {
  const { t } = useInvoicesTranslation();
  const [input, setInput] = useAddressSearch(filters, onChange);
  return (
    <search aria-label={t('list.filtersLabel')}>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm" style={{ alignItems: 'end' }}>
        <SearchField label={t('list.search')} hint={t('list.searchHint')} value={input} onChange={setInput} maxLength={40} />
        <DateRangeFields
          fromLabel={t('list.from')}
          toLabel={t('list.to')}
          from={filters.from}
          to={filters.to}
          onChange={(range) => onChange({ ...filters, ...range })}
        />
      </SimpleGrid>
      {hasFilters(filters) && (
        <Group mb="md">
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ tab: filters.tab, q: '', from: null, to: null })}>
            {t('list.reset')}
          </Button>
        </Group>
      )}
    </search>
  );
}
