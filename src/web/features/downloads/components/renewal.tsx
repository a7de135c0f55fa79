import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { RenewalRequest } from '../../../components/renewal-request';
import { useDownloadsTranslation } from '../i18n/register';

/**
 * The way out of an uncovered release: a renewal request about the key (a Kundendienst case, as on
 * the key's page) when the user sees that key, else a new Kundendienst case.
 */
export function Renewal({ keyId, product, version }: { keyId: string | null; product: string; version: string }) {
  const { t } = useDownloadsTranslation();
  if (!keyId) {
    return (
      <Button component={Link} to="/cases/new?type=customer_service" variant="light" size="xs">
        {t('renewal.newCase')}
      </Button>
    );
  }
  return <RenewalRequest keyId={keyId} prefill={`${product} ${version}`} button={{ size: 'xs' }} />;
}
