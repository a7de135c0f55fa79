import './i18n/register';
import { Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { useDownload } from './api/download-link';
import { useDownloads } from './api/get-downloads';
import type { Artifact, DownloadProduct } from './api/types';
import { ReleaseSection } from './components/release-section';
import { formatSize } from './format-size';
import { useDownloadsTranslation } from './i18n/register';
import { choiceKey, detectPlatform, latestFor, PLATFORM_CHOICES, type PlatformChoice, parseChoice } from './platform';

/** Downloads (`/downloads`): the products the user may download, releases newest first, the latest for their platform on top. */
export function DownloadsPage() {
  const me = useMe();
  if (!me.areas.includes('downloads') || !me.account) return <NotFound />;
  return <Downloads accountId={me.account.id} />;
}

const ALL = 'all';

function Downloads({ accountId }: { accountId: string }) {
  const { t, tApp, problem } = useDownloadsTranslation();
  useDocumentTitle(tApp('nav.downloads'));
  const downloads = useDownloads(accountId);
  const [searchParams, setSearchParams] = useSearchParams();
  const [detected] = useState(() => detectPlatform(typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { userAgentData?: { platform?: string } })));
  const chosen = searchParams.get('platform');
  const choice: PlatformChoice | null = chosen === ALL ? null : (parseChoice(chosen) ?? detected);
  const download = useDownload();

  const options = [{ value: ALL, label: t('page.allPlatforms') }, ...PLATFORM_CHOICES.map((c) => ({ value: choiceKey(c), label: t(`platforms.${choiceKey(c)}`) }))];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{tApp('nav.downloads')}</Title>
        <Text mt={4}>{t('page.intro')}</Text>
      </div>
      <Select
        label={t('page.platform')}
        description={t('page.platformHint')}
        data={options}
        value={choice ? choiceKey(choice) : ALL}
        onChange={(value) => setSearchParams(value && value !== ALL ? { platform: value } : { platform: ALL }, { replace: true })}
        allowDeselect={false}
        maw={360}
      />
      {download.isError && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{problem(download.error)}</Text>
        </Alert>
      )}
      {downloads.isPending ? (
        <PageLoader />
      ) : downloads.isError ? (
        <QueryError error={downloads.error} onRetry={() => void downloads.refetch()} />
      ) : downloads.data.length === 0 ? (
        <Card withBorder>
          <Text>{t('page.empty')}</Text>
        </Card>
      ) : (
        downloads.data.map((p) => (
          <ProductSection
            key={p.product.id}
            entry={p}
            choice={choice}
            downloading={download.isPending ? (download.variables?.artifactId ?? null) : null}
            onDownload={(a) => download.mutate({ artifactId: a.id })}
          />
        ))
      )}
    </Stack>
  );
}

function ProductSection({ entry, choice, onDownload, downloading }: { entry: DownloadProduct; choice: PlatformChoice | null; onDownload: (a: Artifact) => void; downloading: string | null }) {
  const { t } = useDownloadsTranslation();
  const { i18n } = useTranslation();
  const headingId = `product-${entry.product.id}`;
  const latest = latestFor(entry.releases, choice);
  const platformName = choice ? t(`platforms.${choiceKey(choice)}`) : '';

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id={headingId}>
          {entry.product.name}
        </Title>
        <Text size="sm" c="dimmed">
          {t('page.keys', { count: entry.keyCount })}
        </Text>
      </Group>
      {choice && (
        <Card withBorder bg="var(--mantine-color-default-hover)" data-testid="latest-for-platform">
          {latest ? (
            <Group justify="space-between" gap="sm">
              <div>
                <Text fw={600}>{t('latest.title', { platform: platformName })}</Text>
                <Text size="sm">
                  {latest.release.version} · {latest.artifact.fileName} · {formatSize(latest.artifact.size, i18n.language)}
                </Text>
              </div>
              <Button onClick={() => onDownload(latest.artifact)} loading={downloading === latest.artifact.id} aria-label={t('latest.download', { file: latest.artifact.fileName })}>
                {t('table.download')}
              </Button>
            </Group>
          ) : (
            <Text size="sm">{t('latest.none', { platform: platformName })}</Text>
          )}
        </Card>
      )}
      {entry.releases.map((release) => (
        <ReleaseSection key={release.id} release={release} product={entry.product.name} productHeadingId={headingId} choice={choice} onDownload={onDownload} downloading={downloading} />
      ))}
    </Stack>
  );
}
