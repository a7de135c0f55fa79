import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import type { StaffCaseSummary } from '../api/staff-cases';
import { useStaffCasesTranslation } from '../i18n/register';
import { SeverityBadge, StatusBadge } from './case-badges';
import { ResponseBadge } from './response-badge';
import { useNow } from './use-now';

/** The queue: a table on wide screens, cards on phones; the case number and subject link to the case. */
export function CasesTable({ cases, search }: { cases: StaffCaseSummary[]; search: string }) {
  const { t } = useStaffCasesTranslation();
  const now = useNow();
  return (
    <DataTable<StaffCaseSummary>
      label={t('list.table')}
      rows={cases}
      rowKey={(c) => c.id}
      columns={[
        {
          key: 'case',
          header: t('list.subject'),
          cell: (c) => (
            <>
              <Anchor component={Link} to={`/console/cases/${c.id}`} state={{ from: search }} fw={600} style={{ overflowWrap: 'anywhere' }}>
                <Text span ff="monospace" inherit>
                  {c.number}
                </Text>{' '}
                {c.subject}
              </Anchor>
              <Text span size="xs" c="dimmed" display="block">
                {t(`types.${c.type}`)}
                {c.product ? ` · ${c.product.name}` : c.category ? ` · ${t(`categories.${c.category}`)}` : ''}
              </Text>
            </>
          ),
        },
        {
          key: 'account',
          header: t('list.account'),
          cell: (c) => (
            <>
              <Text span size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
                {c.account.name}
              </Text>
              <Text span size="xs" c="dimmed" display="block">
                {c.account.number}
              </Text>
            </>
          ),
        },
        { key: 'severity', header: t('list.severity'), cell: (c) => <SeverityBadge severity={c.severity} /> },
        { key: 'status', header: t('list.status'), cell: (c) => <StatusBadge status={c.status} /> },
        {
          key: 'assignee',
          header: t('list.assignee'),
          cell: (c) =>
            c.assignedTo ? (
              c.assignedTo.name
            ) : (
              <Text span size="sm" c="dimmed" fs="italic">
                {t('list.unassigned')}
              </Text>
            ),
        },
        { key: 'response', header: t('list.firstResponse'), cell: (c) => <ResponseBadge target={c} now={now} withTime /> },
      ]}
    />
  );
}
