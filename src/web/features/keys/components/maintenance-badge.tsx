import { Badge } from '@mantine/core';
import type { MaintenanceStatus } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

const COLORS: Record<MaintenanceStatus, string> = { active: 'teal', expiring: 'yellow', expired: 'red', none: 'gray' };

/** Active, expiring within 90 days, expired, or none: as the server computed it for the key. */
export function MaintenanceBadge({ status }: { status: MaintenanceStatus }) {
  const { t } = useKeysTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} style={{ flexShrink: 0 }}>
      {t(`maintenance.statuses.${status}`)}
    </Badge>
  );
}
