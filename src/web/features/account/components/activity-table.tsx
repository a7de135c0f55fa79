import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { useFormat } from '../../../lib/format';
import { activityActionKey } from '../activity-action';
import type { ActivityEvent } from '../api/get-activity';

export function ActivityTable({ events }: { events: ActivityEvent[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const hasText = (key: string) =>
    typeof i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', key) === 'string';

  return (
    <DataTable
      label={t('account.activity.table')}
      rows={events}
      rowKey={(event) => event.id}
      columns={[
        {
          key: 'action',
          header: t('account.activity.action'),
          cell: (event) => {
            const key = activityActionKey(event.action, hasText);
            return key ? (
              t(key as never)
            ) : (
              <Text span inherit ff="monospace">
                {event.action}
              </Text>
            );
          },
        },
        {
          key: 'when',
          header: t('account.activity.when'),
          nowrap: true,
          cell: (event) => <time dateTime={event.at}>{format.dateTime(event.at)}</time>,
        },
        {
          key: 'who',
          header: t('account.activity.who'),
          cell: (event) =>
            event.actor ? (
              <>
                <Text span size="sm" display="block">
                  {event.actor.name}
                </Text>
                <Text span size="xs" c="dimmed" display="block" style={{ overflowWrap: 'anywhere' }}>
                  <BreakableEmail email={event.actor.email} />
                </Text>
              </>
            ) : (
              t('account.activity.system')
            ),
        },
        {
          key: 'ip',
          header: t('account.activity.ip'),
          cell: (event) => (
            <Text span inherit ff="monospace">
              {event.ip ?? t('common.none')}
            </Text>
          ),
        },
      ]}
    />
  );
}

/** An address that wraps after the @ on narrow screens rather than somewhere in a word. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
