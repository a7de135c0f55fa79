import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import type { OutboxMailSummary } from '../api/get-outbox';
import { MailStatusBadge } from './mail-status-badge';

export function OutboxTable({ mails }: { mails: OutboxMailSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      label={t('console.outbox.table')}
      rows={mails}
      rowKey={(mail) => mail.id}
      columns={[
        {
          key: 'subject',
          header: t('console.outbox.subject'),
          cell: (mail) => (
            <Anchor component={Link} to={`/console/outbox/${encodeURIComponent(mail.id)}`} inherit>
              {mail.subject || t('console.outbox.detail.noSubject')}
            </Anchor>
          ),
        },
        {
          key: 'to',
          header: t('console.outbox.to'),
          cell: (mail) => <span style={{ overflowWrap: 'anywhere' }}>{mail.to}</span>,
        },
        { key: 'status', header: t('console.outbox.status'), cell: (mail) => <MailStatusBadge status={mail.status} /> },
        {
          key: 'created',
          header: t('console.outbox.created'),
          nowrap: true,
          cell: (mail) => <time dateTime={mail.createdAt}>{format.dateTime(mail.createdAt)}</time>,
        },
      ]}
    />
  );
}
