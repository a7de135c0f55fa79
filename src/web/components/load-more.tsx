import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Load more" for cursor-paginated lists; hidden once the server reports no further page. */
export function LoadMore({
  hasMore,
  loading,
  onLoadMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center mt="md">
      <Button variant="default" loading={loading} onClick={onLoadMore}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
