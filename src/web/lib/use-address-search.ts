import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A list's search box whose term lives in the address (`filters.q`): typing writes there after a
 * short pause; "reset" and back/forward change the address, and the box follows them, but not its
 * own writes. Returns the box's value and setter.
 */
export function useAddressSearch<F extends { q: string }>(filters: F, onChange: (filters: F) => void): [string, (value: string) => void] {
  const [input, setInput] = useState(filters.q);
  const [debounced] = useDebouncedValue(input.trim(), 300);
  // The search term this box last wrote to the address: a different one came from elsewhere.
  const written = useRef(filters.q);

  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    if (debounced !== filters.q) onChange({ ...filters, q: debounced });
  }, [debounced, filters, onChange]);

  useEffect(() => {
    if (filters.q === written.current) return;
    written.current = filters.q;
    setInput(filters.q);
  }, [filters.q]);

  return [input, setInput];
}
