import { Button, Checkbox, Group, NativeSelect, SimpleGrid, } from '@mantine/core';
import { SearchField } from '../../../components/filter-fields';
import { useAddressSearch } from '../../../lib/use-address-search';
import { type Assigned, CASE_STATUSES, CASE_TYPES, type CaseListFilters, type CaseSort, type CaseType, DEFAULT_FILTERS, hasFilters, type StatusFilter } from '../case-filters';
import { useStaffCasesTranslation } from '../i18n/register';

/**
 * Queue, status, assignment, overdue, search and sort. The caller keeps the filters in the
 * address; the search box writes there after a short pause in typing.
 */
export function CasesFilters({ filters, onChange }: { filters: CaseListFilters; onChange: (filters: CaseListFilters) => void }) {
  const { t } = useStaffCasesTranslation();
  const [input, setInput] = useAddressSearch(filters, onChange);

  return (
    <search aria-label={t('filters.label')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" mb="sm" style={{ alignItems: 'end' }}>
        <NativeSelect
          label={t('filters.queue')}
          value={filters.queue ?? ''}
          onChange={(event) => onChange({ ...filters, queue: (event.currentTarget.value || null) as CaseType | null })}
          data={[{ value: '', label: t('filters.allQueues') }, ...CASE_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))]}
        />
        <NativeSelect
          label={t('filters.assigned')}
          value={filters.assigned}
          onChange={(event) => onChange({ ...filters, assigned: event.currentTarget.value as Assigned })}
          data={[
            { value: 'any', label: t('filters.assignedAny') },
            { value: 'none', label: t('filters.assignedNone') },
            { value: 'me', label: t('filters.assignedMe') },
          ]}
        />
        <NativeSelect
          label={t('filters.status')}
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.currentTarget.value as StatusFilter })}
          data={[
            { value: 'open', label: t('filters.openStatuses') },
            { value: 'all', label: t('filters.allStatuses') },
            ...CASE_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) })),
          ]}
        />
        <SearchField label={t('filters.search')} hint={t('filters.searchHint')} value={input} onChange={setInput} />
        <NativeSelect
          label={t('filters.sort')}
          value={filters.sort}
          onChange={(event) => onChange({ ...filters, sort: event.currentTarget.value as CaseSort })}
          data={[
            { value: 'newest', label: t('filters.sortNewest') },
            { value: 'due', label: t('filters.sortDue') },
          ]}
        />
        <Group gap="md" justify="space-between" mih={36} wrap="wrap">
          <Checkbox label={t('filters.overdue')} checked={filters.overdue} onChange={(event) => onChange({ ...filters, overdue: event.currentTarget.checked })} />
          {hasFilters(filters) && (
            <Button variant="subtle" size="compact-sm" onClick={() => onChange(DEFAULT_FILTERS)}>
              {t('filters.reset')}
            </Button>
          )}
        </Group>
      </SimpleGrid>
    </search>
  );
}
