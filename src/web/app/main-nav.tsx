import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AreaIcon } from '../components/area-icon';
import { areaLinks, isInArea } from '../lib/areas';

/** One link per area in `me.areas`; the server alone decides which areas a user has. */
export function MainNav({ areas }: { areas: readonly string[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
      {areaLinks(areas).map((area) => {
        const active = isInArea(pathname, area.path);
        return (
          <li key={area.key}>
            <NavLink
              component={Link}
              to={area.path}
              label={t(area.label)}
              leftSection={<AreaIcon area={area.key} />}
              active={active}
              aria-current={active ? 'page' : undefined}
              variant="light"
              fw={500}
            />
          </li>
        );
      })}
    </Stack>
  );
}
