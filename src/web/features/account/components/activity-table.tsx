import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { activityActionKey } from '../activity-action';
import type { ActivityEvent } from '../api/get-activity';

export function ActivityTable({ events }: { events: ActivityEvent[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const hasText = (key: string) =>
    typeof i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', key) === 'string';

  return (
    <ScrollRegion label={t('account.activity.table')}>
      <Table striped highlightOnHover miw={560} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('account.activity.when')}</Table.Th>
            <Table.Th scope="col">{t('account.activity.who')}</Table.Th>
            <Table.Th scope="col">{t('account.activity.action')}</Table.Th>
            <Table.Th scope="col">{t('account.activity.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const actionKey = activityActionKey(event.action, hasText);
            return (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                </Table.Td>
                <Table.Td>
                  {event.actor ? (
                    <>
                      <Text size="sm">{event.actor.name}</Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {event.actor.email}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm">{t('account.activity.system')}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {actionKey ? (
                    t(actionKey as never)
                  ) : (
                    <Text span size="sm" ff="monospace">
                      {event.action}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text span size="sm" ff="monospace">
                    {event.ip ?? t('common.none')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
