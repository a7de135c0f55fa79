import { TextInput } from '@mantine/core';
import { SearchIcon } from './icons';

/**
 * The search box of a filter bar. It shows what is typed (`value`, from useAddressSearch, which
 * writes it to the address once typing pauses).
 */
export function SearchField({
  label,
  hint,
  value,
  onChange,
  maxLength = 200,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
}) {
  return (
    <TextInput
      label={label}
      description={hint}
      type="search"
      leftSection={<SearchIcon size={16} />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      maxLength={maxLength}
    />
  );
}

/** The two date fields of a filter bar's range (YYYY-MM-DD or null), each bounding the other. */
export function DateRangeFields({
  fromLabel,
  toLabel,
  from,
  to,
  onChange,
}: {
  fromLabel: string;
  toLabel: string;
  from: string | null;
  to: string | null;
  onChange: (range: { from: string | null; to: string | null }) => void;
}) {
  return (
    <>
      <TextInput
        type="date"
        label={fromLabel}
        value={from ?? ''}
        max={to ?? undefined}
        onChange={(event) => onChange({ from: event.currentTarget.value || null, to })}
      />
      <TextInput
        type="date"
        label={toLabel}
        value={to ?? ''}
        min={from ?? undefined}
        onChange={(event) => onChange({ from, to: event.currentTarget.value || null })}
      />
    </>
  );
}
