import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { CaseSummary } from '../api/types';
import { useCasesTranslation } from '../i18n/register';
import { SeverityBadge, StatusBadge } from './case-badges';

/** Where a case page's "back" link returns to: the list with the view and filters it was opened from. */
export type CaseLinkState = { listSearch: string };

/** The cases of a view: a table on wide screens, cards on phones (number and subject head each card). */
export function CasesTable({ cases, listSearch }: { cases: CaseSummary[]; listSearch: string }) {
  const { t, tApp } = useCasesTranslation();
  const format = useFormat();
  const state: CaseLinkState = { listSearch };
  return (
    <DataTable
      label={t('list.table')}
      rows={cases}
      rowKey={(c) => c.id}
      columns={[
        {
          key: 'case',
          header: t('list.columns.case'),
          cell: (c) => (
            <>
              <Text span size="xs" c="dimmed" ff="monospace" display="block">
                {c.number}
              </Text>
              <Anchor component={Link} to={`/cases/${c.id}`} state={state} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {c.subject}
              </Anchor>
            </>
          ),
        },
        { key: 'status', header: t('fields.status'), cell: (c) => <StatusBadge status={c.status} /> },
        { key: 'severity', header: t('fields.severity'), cell: (c) => <SeverityBadge severity={c.severity} /> },
        {
          key: 'type',
          header: t('fields.type'),
          cell: (c) => (
            <>
              <Text span size="sm" display="block">
                {t(`type.${c.type}`)}
              </Text>
              {c.category && (
                <Text span size="xs" c="dimmed" display="block">
                  {t(`category.${c.category}`)}
                </Text>
              )}
            </>
          ),
        },
        { key: 'product', header: t('fields.product'), cell: (c) => c.product?.name ?? tApp('common.none') },
        { key: 'contact', header: t('fields.contact'), cell: (c) => c.contact.name },
        {
          key: 'activity',
          header: t('list.columns.lastActivity'),
          cell: (c) => <time dateTime={c.lastActivityAt}>{format.dateTime(c.lastActivityAt)}</time>,
        },
      ]}
    />
  );
}
