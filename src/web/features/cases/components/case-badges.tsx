import { Badge } from '@mantine/core';
import type { CaseSeverity, CaseStatus, MaintenanceStatus } from '../api/types';
import { useCasesTranslation } from '../i18n/register';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  in_progress: 'indigo',
  waiting_on_customer: 'orange',
  solved: 'teal',
  closed: 'gray',
};

const SEVERITY_COLORS: Record<CaseSeverity, string> = { p1: 'red', p2: 'orange', p3: 'yellow', p4: 'gray' };

const MAINTENANCE_COLORS: Record<MaintenanceStatus, string> = { active: 'teal', expiring: 'yellow', expired: 'red', none: 'gray' };

// Labels may be long ("Wartet auf Ihre Antwort"): they wrap instead of being cut off.
const wrapping = { root: { flexShrink: 0, height: 'auto', maxWidth: '100%' }, label: { overflow: 'visible', whiteSpace: 'normal' as const } };

/** Neu, In Bearbeitung, Wartet auf Ihre Antwort, Gelöst, Geschlossen. */
export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useCasesTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} styles={wrapping}>
      {t(`status.${status}`)}
    </Badge>
  );
}

// "P4 Frage" is short: kept on one line, so a narrow column does not split the level from its name.
const oneLine = { root: { flexShrink: 0 }, label: { overflow: 'visible' } };

/** P1 Kritisch … P4 Frage. */
export function SeverityBadge({ severity }: { severity: CaseSeverity }) {
  const { t } = useCasesTranslation();
  return (
    <Badge variant="light" color={SEVERITY_COLORS[severity]} styles={oneLine}>
      {t(`severity.${severity}.label`)}
    </Badge>
  );
}

export function MaintenanceBadge({ status }: { status: MaintenanceStatus }) {
  const { t } = useCasesTranslation();
  return (
    <Badge variant="light" color={MAINTENANCE_COLORS[status]} styles={wrapping}>
      {t(`maintenance.${status}`)}
    </Badge>
  );
}
