import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import type { OutboxMailSummary } from '../api/get-outbox';
import { MailStatusBadge } from './mail-status-badge';

export function OutboxTable({ mails }: { mails: OutboxMailSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ScrollRegion label={t('console.outbox.table')}>
      <Table striped highlightOnHover miw={640} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('console.outbox.to')}</Table.Th>
            <Table.Th scope="col">{t('console.outbox.subject')}</Table.Th>
            <Table.Th scope="col">{t('console.outbox.status')}</Table.Th>
            <Table.Th scope="col">{t('console.outbox.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mails.map((mail) => (
            <Table.Tr key={mail.id}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{mail.to}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/console/outbox/${encodeURIComponent(mail.id)}`} size="sm">
                  {mail.subject || t('console.outbox.detail.noSubject')}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <MailStatusBadge status={mail.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={mail.createdAt}>{format.dateTime(mail.createdAt)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
