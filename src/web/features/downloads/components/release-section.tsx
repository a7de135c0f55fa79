import { Alert, Anchor, Badge, Box, Button, Card, Group, Stack, Text, Title, Typography } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Sha256Copy } from '../../../components/sha256-copy';
import { useFormat } from '../../../lib/format';
import type { Artifact, DownloadRelease } from '../api/types';
import { formatSize } from '../format-size';
import { useDownloadsTranslation } from '../i18n/register';
import { choiceKey, type PlatformChoice } from '../platform';
import { Renewal } from './renewal';

const CHANNEL_COLOR = { stable: 'teal', preview: 'orange', lts: 'indigo' } as const;

/** One release: version, channel, date, the files (or why they are not the user's) and the notes. */
export function ReleaseSection({
  release,
  product,
  productHeadingId,
  choice,
  onDownload,
  downloading,
}: {
  release: DownloadRelease;
  product: string;
  /** The product's heading: with the release's own, it names the section (releases of two products share version numbers). */
  productHeadingId: string;
  choice: PlatformChoice | null;
  onDownload: (artifact: Artifact) => void;
  downloading: string | null;
}) {
  const { t } = useDownloadsTranslation();
  const { i18n } = useTranslation();
  const format = useFormat();
  const headingId = `release-${release.id}`;
  const mine = (a: Artifact) => choice !== null && a.platform === choice.platform && a.arch === choice.arch;
  const files = [...release.artifacts].sort((a, b) => Number(mine(b)) - Number(mine(a)));

  return (
    <Card withBorder component="section" aria-labelledby={`${productHeadingId} ${headingId}`} padding="md">
      <Group justify="space-between" align="baseline" gap="xs" mb="xs">
        <Group gap="xs" align="baseline">
          <Title order={3} size="h5" id={headingId}>
            {t('release.title', { version: release.version })}
          </Title>
          <Badge variant="light" color={CHANNEL_COLOR[release.channel]} size="sm">
            {t(`channels.${release.channel}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          <time dateTime={release.publishedAt}>{t('release.published', { date: format.date(release.publishedAt) })}</time>
        </Text>
      </Group>

      {release.coverage.covered ? (
        <Stack component="ul" gap={0} m={0} p={0} aria-label={t('release.files', { version: release.version })} style={{ listStyle: 'none' }}>
          {files.map((a) => (
            <Box component="li" key={a.id} data-artifact={a.id} py="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t(`platforms.${choiceKey(a)}`)}
                    </Text>
                    {mine(a) && (
                      <Badge size="xs" variant="outline">
                        {t('release.yourPlatform')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {a.fileName} <Text span size="sm" c="dimmed">· {formatSize(a.size, i18n.language)}</Text>
                  </Text>
                  <Group gap={6} wrap="nowrap" align="center">
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                      {t('table.checksum')}
                    </Text>
                    <Sha256Copy sha256={a.sha256} fileName={a.fileName} />
                  </Group>
                </Stack>
                <Group gap="sm" align="center">
                  <Button size="xs" onClick={() => onDownload(a)} loading={downloading === a.id} aria-label={t('table.downloadFile', { file: a.fileName })}>
                    {t('table.download')}
                  </Button>
                  <Anchor href={a.sha256Url} size="xs" download aria-label={t('table.checksumFileOf', { file: a.fileName })}>
                    {t('table.checksumFile')}
                  </Anchor>
                  {a.signature && (
                    <Anchor href={a.signature.url} size="xs" download aria-label={t('table.signatureOf', { file: a.fileName })}>
                      {t('table.signature')}
                    </Anchor>
                  )}
                </Group>
              </Group>
            </Box>
          ))}
        </Stack>
      ) : (
        <Alert color="gray" variant="light" title={t('release.notCovered')} data-testid="not-covered">
          <Stack gap="sm">
            <Text size="sm">
              {release.coverage.reason === 'maintenance_ended' && release.coverage.maintenanceEnd
                ? t('release.maintenanceEnded', { date: format.date(release.coverage.maintenanceEnd) })
                : t('release.noMaintenance')}
            </Text>
            <Renewal keyId={release.renewalKeyId} product={product} version={release.version} />
          </Stack>
        </Alert>
      )}

      <Box mt="sm">
        <details>
          <summary>
            <Text span size="sm" fw={500}>
              {t('release.notes')}
            </Text>
          </summary>
          {release.notes.trim() ? (
            <Typography fz="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by markdown-it with HTML disabled. */}
              <div dangerouslySetInnerHTML={{ __html: release.notesHtml }} />
            </Typography>
          ) : (
            <Text size="sm" c="dimmed" mt="xs">
              {t('release.noNotes')}
            </Text>
          )}
        </details>
      </Box>
    </Card>
  );
}
