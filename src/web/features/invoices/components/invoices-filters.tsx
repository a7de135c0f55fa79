import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { SearchIcon } from '../../../components/icons';
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
        <TextInput
          label={t('list.search')}
          description={t('list.searchHint')}
          type="search"
          leftSection={<SearchIcon size={16} />}
          value={input}
          onChange={(event) => setInput(event.currentTarget.value)}
          maxLength={40}
        />
        <TextInput
          type="date"
          label={t('list.from')}
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(event) => onChange({ ...filters, from: event.currentTarget.value || null })}
        />
        <TextInput
          type="date"
          label={t('list.to')}
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(event) => onChange({ ...filters, to: event.currentTarget.value || null })}
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
