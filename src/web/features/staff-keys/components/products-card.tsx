import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { useProducts } from '../api/products';
import { useStaffKeysTranslation } from '../i18n/register';
import { ProductDialog } from './product-dialog';

/** Products with their editions; release managers and staff admins create new ones. */
export function ProductsCard({ canCreate, onStatus }: { canCreate: boolean; onStatus: (message: string) => void }) {
  const { t } = useStaffKeysTranslation();
  const products = useProducts();
  const [open, setOpen] = useState(false);

  return (
    <Card withBorder component="section" aria-labelledby="staff-products-title">
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <Title order={2} size="h3" id="staff-products-title">
          {t('products.title')}
        </Title>
        {canCreate && <Button onClick={() => setOpen(true)}>{t('products.create')}</Button>}
      </Group>
      {products.isPending ? (
        <PageLoader />
      ) : products.isError ? (
        <QueryError error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.length === 0 ? (
        <Text size="sm">{t('products.empty')}</Text>
      ) : (
        <DataTable
          label={t('products.table')}
          rows={products.data}
          rowKey={(p) => p.id}
          columns={[
            { key: 'name', header: t('products.name'), cell: (p) => p.name },
            { key: 'code', header: t('products.code'), cell: (p) => <Text span inherit ff="monospace">{p.code}</Text> },
            { key: 'latest', header: t('products.latestVersion'), nowrap: true, cell: (p) => p.latestVersion ?? t('common.none') },
            {
              key: 'editions',
              header: t('products.editions'),
              cell: (p) => (p.editions.length ? p.editions.map((e) => e.name).join(', ') : t('common.none')),
            },
          ]}
        />
      )}
      {canCreate && (
        <ProductDialog
          opened={open}
          onClose={() => setOpen(false)}
          onCreated={(product) => {
            setOpen(false);
            onStatus(t('products.created', { name: product.name }));
          }}
        />
      )}
    </Card>
  );
}
