import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/document-title';
import { LoadMore } from '../../components/load-more';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useOutbox } from './api/get-outbox';
import { OutboxTable } from './components/outbox-table';

export function OutboxPage() {
  const me = useMe();
  if (!me.abilities.viewOutbox) return <NotFound headingOrder={2} />;
  return <Outbox />;
}

function Outbox() {
  const { t } = useTranslation();
  useDocumentTitle(t('console.outbox.title'), t('console.title'));
  const outbox = useOutbox();
  const mails = outbox.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="outbox-title">
      <Title order={2} size="h3" id="outbox-title">
        {t('console.outbox.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('console.outbox.intro')}
      </Text>
      {outbox.isPending ? (
        <PageLoader />
      ) : outbox.isError && mails.length === 0 ? (
        <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : mails.length === 0 ? (
        <Text size="sm">{t('console.outbox.empty')}</Text>
      ) : (
        <>
          <OutboxTable mails={mails} />
          {outbox.isFetchNextPageError && (
            <QueryError error={outbox.error} onRetry={() => void outbox.fetchNextPage()} />
          )}
          <LoadMore
            hasMore={outbox.hasNextPage}
            loading={outbox.isFetchingNextPage}
            onLoadMore={() => void outbox.fetchNextPage()}
          />
        </>
      )}
    </Card>
  );
}
