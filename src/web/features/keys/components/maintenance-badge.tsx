import { Badge, VisuallyHidden } from '@mantine/core';
import type { MaintenanceStatus } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

const COLORS: Record<MaintenanceStatus, string> = { active: 'teal', expiring: 'yellow', expired: 'red', none: 'gray' };

/**
 * Active, expiring within 90 days, expired, or none: as the server computed it for the key.
 * `short` fits a table column; screen readers hear the full wording either way.
 */
export function MaintenanceBadge({ status, short = false }: { status: MaintenanceStatus; short?: boolean }) {
  const { t } = useKeysTranslation();
  const full = t(`maintenance.statuses.${status}`);
  return (
    <Badge variant="light" color={COLORS[status]} styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}>
      {short ? (
        <>
          <span aria-hidden="true">{t(`maintenance.short.${status}`)}</span>
          <VisuallyHidden>{full}</VisuallyHidden>
        </>
      ) : (
        full
      )}
    </Badge>
  );
}
