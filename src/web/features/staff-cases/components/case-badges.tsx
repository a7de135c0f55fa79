import { Badge } from '@mantine/core';
import type { CaseSeverity, CaseStatus } from '../case-filters';
import { useStaffCasesTranslation } from '../i18n/register';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  in_progress: 'indigo',
  waiting_on_customer: 'yellow',
  solved: 'teal',
  closed: 'gray',
};

const SEVERITY_COLORS: Record<CaseSeverity, string> = { p1: 'red', p2: 'orange', p3: 'blue', p4: 'gray' };

// Badges are upper-case and cut long labels by default; these carry words that must stay readable.
const readable = { root: { textTransform: 'none', flexShrink: 0 }, label: { overflow: 'visible' } } as const;

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useStaffCasesTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} styles={readable}>
      {t(`statuses.${status}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: CaseSeverity }) {
  const { t } = useStaffCasesTranslation();
  return (
    <Badge variant={severity === 'p1' ? 'filled' : 'light'} color={severity === 'p1' ? 'red.9' : SEVERITY_COLORS[severity]} styles={readable}>
      {t(`severities.${severity}`)}
    </Badge>
  );
}
