import { Alert, Box, Button, Radio, Stack, Text } from '@mantine/core';
import { useFormat } from '../../../lib/format';
import type { FormKey } from '../api/types';
import { useCasesTranslation } from '../i18n/register';

/** "Analytics Desktop Creator …ABCDE": how a key is named wherever a case refers to it. */
export function useKeyLabel() {
  const { t } = useCasesTranslation();
  return (key: Pick<FormKey, 'product' | 'edition' | 'licenseKeyTail'>) =>
    t('key.label', { product: [key.product.name, key.edition].filter(Boolean).join(' '), tail: key.licenseKeyTail });
}

/** The key's name where it may wrap: the product wraps, "…ABCDE" stays in one piece. */
function KeyName({ keyData }: { keyData: FormKey }) {
  const product = [keyData.product.name, keyData.edition].filter(Boolean).join(' ');
  return (
    <>
      {product} <span style={{ whiteSpace: 'nowrap' }}>…{keyData.licenseKeyTail}</span>
    </>
  );
}

/** Why a Technischer Support case cannot be about this key, in words. */
export function useUnsupportableReason() {
  const { t } = useCasesTranslation();
  const format = useFormat();
  return (key: FormKey) => {
    if (key.status !== 'active') return t('key.reasons.inactive');
    if (key.maintenanceStatus === 'expired' && key.maintenanceEnd) return t('key.reasons.expired', { date: format.date(key.maintenanceEnd) });
    return t('key.reasons.none');
  };
}

/**
 * The product key of a Technischer Support case. Only keys under maintenance can be chosen; the
 * others are listed with the reason and a one-click switch to a Kundendienst case about renewing them.
 */
export function KeyPicker({
  keys,
  value,
  onChange,
  onRenew,
  error,
}: {
  keys: FormKey[];
  value: string | null;
  onChange: (keyId: string) => void;
  onRenew: (key: FormKey) => void;
  error?: string | undefined;
}) {
  const { t } = useCasesTranslation();
  const format = useFormat();
  const label = useKeyLabel();
  const reason = useUnsupportableReason();
  const supportable = keys.filter((key) => key.supportable);
  const blocked = keys.filter((key) => !key.supportable);

  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('fields.key')}
        description={t('new.keyHint')}
        value={value ?? ''}
        onChange={onChange}
        error={error}
        withAsterisk
      >
        {supportable.length === 0 ? (
          <Alert color="yellow" variant="light" mt={6}>
            <Text size="sm">{keys.length === 0 ? t('new.noKeys') : t('new.noSupportableKeys')}</Text>
          </Alert>
        ) : (
          <Stack gap="xs" mt={6}>
            {supportable.map((key) => (
              <Radio
                key={key.id}
                value={key.id}
                label={<KeyName keyData={key} />}
                description={[
                  key.maintenanceEnd ? t('key.maintenanceUntil', { date: format.date(key.maintenanceEnd) }) : null,
                  key.maintenanceStatus === 'expiring' ? t('maintenance.expiring') : null,
                  key.lastUsedVersion ? t('key.lastUsed', { version: key.lastUsedVersion }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </Stack>
        )}
      </Radio.Group>
      {blocked.length > 0 && (
        <Box component="section" aria-labelledby="blocked-keys-title">
          <Text id="blocked-keys-title" size="sm" fw={600}>
            {t('new.blockedKeysTitle')}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('new.blockedKeysHint')}
          </Text>
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {blocked.map((key) => (
              <Box
                component="li"
                key={key.id}
                p="xs"
                style={{ border: '1px dashed var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
              >
                <Text size="sm">
                  <KeyName keyData={key} />
                </Text>
                <Text size="xs" c="dimmed" mb={6}>
                  {reason(key)}
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  h="auto"
                  py={4}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
                  onClick={() => onRenew(key)}
                  aria-label={t('new.renewKeyFor', { key: label(key) })}
                >
                  {t('new.renewKey')}
                </Button>
              </Box>
            ))}
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
