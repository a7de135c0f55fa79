import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { type AccountChoice, useAccountChoices } from '../../staff-keys/api/search-accounts';
import { useStaffInvoicesTranslation } from '../i18n/register';

const label = (account: AccountChoice) => `${account.name} (${account.number})`;

/** Picks a customer account by name or number; the server searches, the choice survives new searches. */
export function AccountPicker({
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
  const { t, tApp } = useStaffInvoicesTranslation();
  const [chosen, setChosen] = useState<AccountChoice | null>(initial);
  const [search, setSearch] = useState('');
  const typed = chosen && search === label(chosen) ? '' : search.trim();
  const [term] = useDebouncedValue(typed, 250);
  const accounts = useAccountChoices(term, true);
  const found = accounts.data ?? [];
  const known = chosen ?? initial;
  const options = [...(known && !found.some((a) => a.id === known.id) ? [known] : []), ...found];

  return (
    <Select
      label={fieldLabel}
      description={t('form.accountHint')}
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
      nothingFoundMessage={accounts.isFetching ? tApp('app.loading') : t('form.noAccounts')}
      error={error}
      comboboxProps={{ withinPortal: false }}
      clearButtonProps={{ 'aria-label': t('filters.allAccounts') }}
    />
  );
}
