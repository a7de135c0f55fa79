import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDownloadUpdate } from '../api/download-update';
import { problemMessageKey } from '../../../lib/problem-message';
import { DefinitionList } from '../../../components/definition-list';
import { useFormat } from '../../../lib/format';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

/** The version the key's software last reported, beside the product's latest release. */
export function VersionCard({ keyData }: { keyData: Key }) {
  const { t, tApp } = useKeysTranslation();
  const format = useFormat();
  const { lastUsedVersion, product, lastSeenAt, updateAvailable, updateHint } = keyData;
  const download = useDownloadUpdate();

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
                {updateHint ? (
                  <Badge variant="light" color="indigo" size="sm">
                    {t('version.behind', { count: updateHint.behind })}
                  </Badge>
                ) : (
                  product.latestVersion && (
                    <Badge variant="light" color={updateAvailable ? 'indigo' : 'teal'} size="sm">
                      {updateAvailable ? t('version.updateAvailable') : t('version.upToDate')}
                    </Badge>
                  )
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
      {updateHint && (
        <Stack gap="xs" mt="md" align="flex-start" data-testid="update-hint">
          <Text size="sm">
            {t('version.newest')}:{' '}
            <Text span inherit ff="monospace">
              {updateHint.latest.version}
            </Text>
          </Text>
          <Group gap="sm">
            {updateHint.artifact && (
              <Button
                size="xs"
                onClick={() => updateHint.artifact && download.mutate({ artifactId: updateHint.artifact.id })}
                loading={download.isPending}
                aria-label={t('version.download', { file: updateHint.artifact.fileName })}
              >
                {t('version.downloadShort')}
              </Button>
            )}
            <Anchor component={Link} to="/downloads" size="sm">
              {t('version.toDownloads')}
            </Anchor>
          </Group>
          {download.isError && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{tApp(problemMessageKey(download.error))}</Text>
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}
