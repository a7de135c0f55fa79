import { Alert, Badge, Button, Card, Group, Text, Title } from '@mantine/core';
import { DataTable } from '../../../components/data-table';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/format';
import { problemMessageKey } from '../../../lib/problem-message';
import { useEndOtherSessions, useEndSession, useSessions } from '../api/security';
import { useSecurityTranslation } from '../i18n/register';

/** A short device description from a user agent: browser and system, without the version noise. */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !system) return userAgent.slice(0, 60);
  return [browser, system].filter(Boolean).join(', ');
}

export function SessionsCard() {
  const { t, tApp } = useSecurityTranslation();
  const format = useFormat();
  const sessions = useSessions(true);
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const error = end.error ?? endOthers.error;
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  return (
    <Card withBorder component="section" aria-labelledby="sessions-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div>
          <Title order={2} size="h3" id="sessions-title">
            {t('sessions.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sessions.intro')}
          </Text>
        </div>
        {others > 0 && (
          <Button variant="default" loading={endOthers.isPending} onClick={() => endOthers.mutate()}>
            {t('sessions.endOthers')}
          </Button>
        )}
      </Group>
      <div role="status">
        {(end.isSuccess || endOthers.isSuccess) && (
          <Alert color="green" variant="light" mb="sm">
            <Text size="sm">{endOthers.isSuccess ? t('sessions.endedOthers') : t('sessions.ended')}</Text>
          </Alert>
        )}
      </div>
      {error && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          <Text size="sm">{tApp(problemMessageKey(error))}</Text>
        </Alert>
      )}
      {sessions.isPending ? (
        <PageLoader />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <DataTable
          label={t('sessions.table')}
          rows={sessions.data}
          rowKey={(session) => session.id}
          columns={[
            {
              key: 'device',
              header: t('sessions.device'),
              cell: (session) => (
                <Group gap={6}>
                  <Text span size="sm">
                    {describeDevice(session.userAgent) ?? t('sessions.unknownDevice')}
                  </Text>
                  {session.current && (
                    <Badge variant="light" color="green">
                      {t('sessions.current')}
                    </Badge>
                  )}
                </Group>
              ),
            },
            { key: 'account', header: t('sessions.account'), cell: (session) => session.accountName ?? tApp('common.none') },
            { key: 'ip', header: t('sessions.ip'), cell: (session) => session.ip ?? tApp('common.none') },
            {
              key: 'lastSeen',
              header: t('sessions.lastSeen'),
              nowrap: true,
              cell: (session) => <time dateTime={session.lastSeenAt}>{format.dateTime(session.lastSeenAt)}</time>,
            },
            {
              key: 'end',
              header: t('sessions.end'),
              cell: (session) =>
                session.current ? (
                  tApp('common.none')
                ) : (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    loading={end.isPending && end.variables?.id === session.id}
                    onClick={() => end.mutate({ id: session.id })}
                  >
                    {t('sessions.end')}
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
