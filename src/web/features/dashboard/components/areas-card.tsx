import { Card, NavLink, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreaIcon } from '../../../components/area-icon';
import { areaLinks } from '../../../lib/areas';

/** Shortcuts to the user's other areas (everything `me.areas` grants besides this page). */
export function AreasCard({ areas }: { areas: readonly string[] }) {
  const { t } = useTranslation();
  const links = areaLinks(areas).filter((area) => area.key !== 'dashboard');
  if (links.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="areas-title">
      <Title order={2} size="h4" id="areas-title" mb="sm">
        {t('dashboard.areas.title')}
      </Title>
      <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
        {links.map((area) => (
          <li key={area.key}>
            <NavLink component={Link} to={area.path} label={t(area.label)} leftSection={<AreaIcon area={area.key} />} />
          </li>
        ))}
      </Stack>
    </Card>
  );
}
