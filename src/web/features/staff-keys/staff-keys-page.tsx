import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { useMe } from '../../lib/me';
import { KeysCard } from './components/keys-card';
import { ProductsCard } from './components/products-card';
import { useStaffKeysTranslation } from './i18n/register';

/** Console → Product Keys: products for those who may see or manage them, keys for those who read accounts. */
export function StaffKeysPage() {
  const me = useMe();
  const { viewStaffAccounts, manageProducts } = me.abilities;
  if (!viewStaffAccounts && !manageProducts) return <NotFound headingOrder={2} />;
  return <StaffKeys showKeys={viewStaffAccounts} canIssue={me.abilities.issueKeys} canCreateProducts={manageProducts} />;
}

function StaffKeys({ showKeys, canIssue, canCreateProducts }: { showKeys: boolean; canIssue: boolean; canCreateProducts: boolean }) {
  const { t, tApp } = useStaffKeysTranslation();
  useDocumentTitle(t('title'), tApp('console.title'));
  const [status, setStatus] = useState('');

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <Text role="status" size="sm" c="teal.9" fw={500}>
        {status}
      </Text>
      {showKeys && <KeysCard canIssue={canIssue} onStatus={setStatus} />}
      <ProductsCard canCreate={canCreateProducts} onStatus={setStatus} />
    </Stack>
  );
}
