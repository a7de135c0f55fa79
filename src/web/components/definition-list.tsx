import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './definition-list.module.css';

export type Definition = { term: string; value: ReactNode };

/** Label/value pairs as a real `<dl>`: side by side on wide screens, stacked on phones. */
export function DefinitionList({ items }: { items: Definition[] }) {
  return (
    <dl className={classes.list}>
      {items.map((item) => (
        <div key={item.term} className={classes.row}>
          <Text component="dt" size="sm" c="dimmed">
            {item.term}
          </Text>
          <Text component="dd" size="sm" className={classes.value}>
            {item.value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
