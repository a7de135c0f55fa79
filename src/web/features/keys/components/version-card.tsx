import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { DefinitionList } from '../../../components/definition-list';
import { useFormat } from '../../../lib/format';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

/** The version the key's software last reported, beside the product's latest release. */
export function VersionCard({ keyData }: { keyData: Key }) {
  const { t, tApp } = useKeysTranslation();
  const format = useFormat();
  const { lastUsedVersion, product, lastSeenAt, updateAvailable } = keyData;

  return (
    <Card withBorder component="section" aria-labelledby="version-title">
      <Title order={2} size="h4" id="version-title" mb="sm">
        {t('version.title')}
      </Title>
      <DefinitionList
        items={[
          {
            term: t('version.lastUsed'),
            value: lastUsedVersion ? (
              <Group gap="xs" component="span">
                <Text span inherit ff="monospace">
                  {lastUsedVersion}
                </Text>
                {product.latestVersion && (
                  <Badge variant="light" color={updateAvailable ? 'indigo' : 'teal'} size="sm">
                    {updateAvailable ? t('version.updateAvailable') : t('version.upToDate')}
                  </Badge>
                )}
              </Group>
            ) : (
              t('version.unknown')
            ),
          },
          {
            term: t('version.latest'),
            value: product.latestVersion ? (
              <Text span inherit ff="monospace">
                {product.latestVersion}
              </Text>
            ) : (
              tApp('common.none')
            ),
          },
          {
            term: t('version.lastSeen'),
            value: lastSeenAt ? <time dateTime={lastSeenAt}>{format.dateTime(lastSeenAt)}</time> : t('list.never'),
          },
        ]}
      />
    </Card>
  );
}
