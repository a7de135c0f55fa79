import { Button, Group, NativeSelect, SimpleGrid, } from '@mantine/core';
import { SearchField } from '../../../components/filter-fields';
import { useAddressSearch } from '../../../lib/use-address-search';
import { AccountSelect } from '../../../components/account-select';
import { DEFAULT_FILTERS, hasFilters, INVOICE_STATUSES, type InvoiceListFilters, type InvoiceStatusFilter } from '../invoice-filters';
import { useStaffInvoicesTranslation } from '../i18n/register';

/** Status, customer and number; the caller keeps the filters in the address. */
export function InvoicesFilters({ filters, onChange }: { filters: InvoiceListFilters; onChange: (filters: InvoiceListFilters) => void }) {
  const { t } = useStaffInvoicesTranslation();
  const [input, setInput] = useAddressSearch(filters, onChange);

  return (
    <search aria-label={t('filters.label')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="sm" style={{ alignItems: 'start' }}>
        <NativeSelect
          label={t('filters.status')}
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.currentTarget.value as InvoiceStatusFilter })}
          data={[
            { value: 'all', label: t('filters.allStatuses') },
            { value: 'overdue', label: t('filters.overdue') },
            ...INVOICE_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) })),
          ]}
        />
        <AccountSelect
          label={t('filters.account')}
          placeholder={t('filters.allAccounts')}
          value={filters.account ?? ''}
          clearable
          onChange={(account) => onChange({ ...filters, account: account?.id ?? null })}
        />
        <SearchField label={t('filters.search')} hint={t('filters.searchHint')} value={input} onChange={setInput} maxLength={40} />
      </SimpleGrid>
      {hasFilters(filters) && (
        <Group justify="flex-end" mb="sm">
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(DEFAULT_FILTERS)}>
            {t('filters.reset')}
          </Button>
        </Group>
      )}
    </search>
  );
}
