import { Button, Group } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export type SubNavItem = { to: string; label: string; end?: boolean };

/** Links between the pages of one area, marked with aria-current like the main navigation. */
export function SubNav({ label, items }: { label: string; items: SubNavItem[] }) {
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={label} gap="xs" mb="lg">
      {items.map((item) => {
        const active = item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <Button
            key={item.to}
            component={Link}
            to={item.to}
            variant={active ? 'light' : 'subtle'}
            aria-current={active ? 'page' : undefined}
          >
            {item.label}
          </Button>
        );
      })}
    </Group>
  );
}
