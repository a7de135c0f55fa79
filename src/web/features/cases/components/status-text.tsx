import { Text } from '@mantine/core';

/**
 * A status line that is always in the page, so screen readers announce the message that appears
 * in it (a live region inserted together with its text is often not read).
 */
export function StatusText({ children }: { children: string | null }) {
  return (
    <Text size="sm" role="status" c="var(--mantine-color-success)" fw={500}>
      {children ?? ''}
    </Text>
  );
}
