import { Badge, Button, Group, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useFormat } from '../lib/format';

export interface LinkTab {
  key: string;
  label: string;
  /** Where the tab leads: its own address, the list's filters kept. */
  to: string;
  /** How many items the tab holds, if known; `countLabel` says it in words for screen readers. */
  count?: number | undefined;
  countLabel?: string;
}

/**
 * A list's views as links, each with its count: every view has its own address (bookmarkable, the
 * back button works), the shown one marked as the current page.
 */
export function LinkTabs({ label, tabs, current }: { label: string; tabs: LinkTab[]; current: string | null }) {
  const format = useFormat();
  return (
    <Group component="nav" aria-label={label} gap={6} mb="md">
      {tabs.map((tab) => {
        const active = tab.key === current;
        return (
          <Button
            key={tab.key}
            component={Link}
            to={tab.to}
            variant={active ? 'light' : 'subtle'}
            aria-current={active ? 'page' : undefined}
            size="sm"
            px="sm"
            rightSection={
              tab.count === undefined ? undefined : (
                <Badge variant={active ? 'filled' : 'light'} color={active ? 'indigo.7' : 'gray'} size="sm" styles={{ label: { overflow: 'visible' } }}>
                  <span aria-hidden="true">{format.number(tab.count)}</span>
                  {tab.countLabel && <VisuallyHidden>{tab.countLabel}</VisuallyHidden>}
                </Badge>
              )
            }
          >
            {tab.label}
          </Button>
        );
      })}
    </Group>
  );
}
