import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DefinitionList } from '../../components/definition-list';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { type OutboxMail, useOutboxMail } from './api/get-outbox-mail';
import { MailStatusBadge } from './components/mail-status-badge';

export function OutboxMailPage() {
  const me = useMe();
  const { mailId = '' } = useParams();
  if (!me.abilities.viewOutbox) return <NotFound headingOrder={2} />;
  return <OutboxMailDetail mailId={mailId} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/console/outbox" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <ChevronLeftIcon size={16} />
        {t('console.outbox.detail.back')}
      </Group>
    </Anchor>
  );
}

function OutboxMailDetail({ mailId }: { mailId: string }) {
  const { t } = useTranslation();
  const mail = useOutboxMail(mailId);
  useDocumentTitle(mail.data?.subject || t('console.outbox.title'), t('console.title'));

  if (mail.isPending) return <PageLoader />;
  if (mail.isError) {
    if (isApiError(mail.error) && mail.error.status === 404) return <NotFound headingOrder={2} />;
    return (
      <Stack gap="md">
        <BackLink />
        <QueryError error={mail.error} onRetry={() => void mail.refetch()} />
      </Stack>
    );
  }
  return <MailView mail={mail.data} />;
}

/** The mail's metadata and its plain-text body. The HTML part is deliberately not rendered. */
function MailView({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="md">
      <BackLink />
      <Card withBorder component="article" aria-labelledby="mail-subject">
        <Title order={2} size="h3" id="mail-subject" mb="md" style={{ overflowWrap: 'anywhere' }}>
          {mail.subject || t('console.outbox.detail.noSubject')}
        </Title>
        <DefinitionList
          items={[
            { term: t('console.outbox.to'), value: mail.to },
            { term: t('console.outbox.status'), value: <MailStatusBadge status={mail.status} /> },
            {
              term: t('console.outbox.created'),
              value: <time dateTime={mail.createdAt}>{format.dateTime(mail.createdAt)}</time>,
            },
            {
              term: t('console.outbox.detail.sentAt'),
              value: mail.sentAt ? (
                <time dateTime={mail.sentAt}>{format.dateTime(mail.sentAt)}</time>
              ) : (
                t('console.outbox.detail.notSent')
              ),
            },
            ...(mail.lastError ? [{ term: t('console.outbox.detail.lastError'), value: mail.lastError }] : []),
          ]}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="mail-body-title">
        <Title order={3} size="h4" id="mail-body-title" mb="sm">
          {t('console.outbox.detail.body')}
        </Title>
        <Text component="pre" className="mail-body">
          {mail.text}
        </Text>
      </Card>
    </Stack>
  );
}
