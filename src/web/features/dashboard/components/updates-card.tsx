import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest } from '../../../lib/api-client';
import { problemMessageKey } from '../../../lib/problem-message';
import { useUpdateHints } from '../api/get-update-hints';

async function startDownload(artifactId: string) {
  const { data } = await apiRequest<{ data: { url: string } }>(`/api/v1/downloads/${encodeURIComponent(artifactId)}/link`, { method: 'POST', body: {} });
  window.location.assign(data.url);
}

/** "Updates": the user's keys that are versions behind, most behind first, each with its file to fetch. */
export function UpdatesCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const hints = useUpdateHints(accountId);
  const download = useMutation({ mutationFn: startDownload });
  if (!hints.data) return null;
  const { data, total } = hints.data;
  return (
    <Card withBorder component="section" aria-labelledby="updates-title">
      <Title order={2} size="h4" id="updates-title" mb="sm">
        {t('dashboard.updates.title')}
      </Title>
      {data.length === 0 ? (
        <Text size="sm">{t('dashboard.updates.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {data.map(({ key, hint }) => (
            <li key={key.id}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div>
                  <Anchor component={Link} to={`/keys/${key.id}`} size="sm" fw={500}>
                    {t('dashboard.updates.key', { product: key.product.name, tail: key.licenseKeyTail })}
                  </Anchor>
                  <Group gap="xs">
                    <Text size="sm" ff="monospace">
                      {key.lastUsedVersion} → {hint.latest.version}
                    </Text>
                    <Badge variant="light" color="indigo" size="sm">
                      {t('dashboard.updates.behind', { count: hint.behind })}
                    </Badge>
                  </Group>
                </div>
                {hint.artifact && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => hint.artifact && download.mutate(hint.artifact.id)}
                    aria-label={t('dashboard.updates.download', { file: hint.artifact.fileName })}
                  >
                    {t('dashboard.updates.downloadShort')}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {download.isError && (
        <Text size="sm" c="red" role="alert" mt="xs">
          {t(problemMessageKey(download.error))}
        </Text>
      )}
      <Group justify="space-between" mt="md">
        {total > data.length && <Text size="sm">{t('dashboard.updates.more', { count: total - data.length })}</Text>}
        <Button component={Link} to="/downloads" variant="light">
          {t('dashboard.updates.link')}
        </Button>
      </Group>
    </Card>
  );
}
