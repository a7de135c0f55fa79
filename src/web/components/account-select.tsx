import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../lib/api-client';

/** A customer account as the console's pickers show it; currency and language when the server said them. */
export type AccountChoice = { id: string; number: string; name: string; currency?: string; locale?: string };

type StaffAccountRow = { id: string; number: string; name: string; currency: string; locale: string };
const choiceOf = ({ id, number, name, currency, locale }: StaffAccountRow): AccountChoice => ({ id, number, name, currency, locale });

/** One account by id: the picker's value when it came from a bookmarked URL, before any search. */
function accountByIdQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['staff', 'account-choice', id],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: StaffAccountRow[] }>('/api/v1/staff/accounts', { query: { id, limit: 1 }, signal })).data.map(choiceOf)[0] ?? null,
    staleTime: 300_000,
  });
}

/** Customer accounts whose name or number matches `q` (the first 20), for the account pickers. */
export function accountChoicesQueryOptions(q: string) {
  return queryOptions({
    queryKey: ['staff', 'account-choices', q],
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: StaffAccountRow[] }>('/api/v1/staff/accounts', { query: { q, limit: 20 }, signal })).data.map(choiceOf),
    staleTime: 30_000,
  });
}

const label = (account: AccountChoice) => `${account.name} (${account.number})`;

/**
 * The console's account picker (staff only: it searches /api/v1/staff/accounts): by name or
 * number, the server searches, the choice survives new searches. `initial` names the account a
 * form starts with, so it shows before any search.
 */
export function AccountSelect({
  label: fieldLabel,
  value,
  onChange,
  placeholder,
  required = false,
  clearable = false,
  error,
  initial = null,
}: {
  label: string;
  value: string;
  onChange: (account: AccountChoice | null) => void;
  placeholder?: string;
  required?: boolean;
  clearable?: boolean;
  error?: string | undefined;
  initial?: AccountChoice | null;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<AccountChoice | null>(initial);
  const [search, setSearch] = useState('');
  const typed = chosen && search === label(chosen) ? '' : search.trim();
  const [term] = useDebouncedValue(typed, 250);
  const accounts = useQuery({ ...accountChoicesQueryOptions(term), placeholderData: keepPreviousData });
  const found = accounts.data ?? [];
  const chosenOrInitial = chosen ?? initial;
  // A value nothing on screen names yet (a bookmarked ?accountId=…): ask for that account.
  const unnamed = Boolean(value) && chosenOrInitial?.id !== value && !found.some((a) => a.id === value);
  const named = useQuery({ ...accountByIdQueryOptions(value), enabled: unnamed });
  const known = chosenOrInitial?.id === value || !named.data ? chosenOrInitial : named.data;
  const options = [...(known && !found.some((a) => a.id === known.id) ? [known] : []), ...found];

  return (
    <Select
      label={fieldLabel}
      description={t('accountSelect.hint')}
      placeholder={placeholder}
      required={required}
      clearable={clearable}
      searchable
      data={options.map((account) => ({ value: account.id, label: label(account) }))}
      value={value || null}
      onChange={(id) => {
        const next = options.find((account) => account.id === id) ?? null;
        setChosen(next);
        onChange(next);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already matched name and number.
      filter={({ options: all }) => all}
      nothingFoundMessage={accounts.isFetching ? t('app.loading') : t('accountSelect.nothingFound')}
      error={error}
      // In the dialog (or the page), not in a portal at the end of the body, outside every landmark.
      comboboxProps={{ withinPortal: false }}
      clearButtonProps={{ 'aria-label': t('accountSelect.clear') }}
    />
  );
}
