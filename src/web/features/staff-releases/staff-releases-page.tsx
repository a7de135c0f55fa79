import './i18n/register';
import { Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { type Channel, useCreateRelease, useStaffReleases } from './api/releases';
import { ReleaseCard } from './components/release-card';
import { useStaffReleasesTranslation } from './i18n/register';

const CHANNELS: Channel[] = ['stable', 'lts', 'preview'];

/** The console's release centre (`/console/releases`): release managers and staff admins. */
export function StaffReleasesPage() {
  const me = useMe();
  if (!me.abilities.manageProducts) return <NotFound />;
  return <Releases userId={me.user.id} />;
}

function Releases({ userId }: { userId: string }) {
  const { t, tApp, problem } = useStaffReleasesTranslation();
  useDocumentTitle(t('title'), tApp('nav.console'));
  const releases = useStaffReleases();
  const [searchParams, setSearchParams] = useSearchParams();
  const [status, setStatus] = useState<string | null>(null);
  const create = useCreateRelease();
  const [version, setVersion] = useState('');
  const [channel, setChannel] = useState<Channel>('stable');
  const [notes, setNotes] = useState('');

  if (releases.isPending) return <PageLoader />;
  if (releases.isError) return <QueryError error={releases.error} onRetry={() => void releases.refetch()} />;
  const products = releases.data.data;
  const productId = searchParams.get('product') ?? products[0]?.product.id ?? null;
  const current = products.find((p) => p.product.id === productId) ?? null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!current) return;
    create.mutate(
      { productId: current.product.id, version: version.trim(), channel, notes },
      {
        onSuccess: () => {
          setStatus(t('create.created', { version: version.trim() }));
          setVersion('');
          setNotes('');
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text size="sm" mt={4}>
          {t('intro')}
        </Text>
      </div>
      <Select
        label={t('product')}
        data={products.map((p) => ({ value: p.product.id, label: p.product.name }))}
        value={current?.product.id ?? null}
        onChange={(value) => value && setSearchParams({ product: value }, { replace: true })}
        allowDeselect={false}
        maw={360}
      />
      <div role="status" aria-live="polite">
        {status && <Text size="sm">{status}</Text>}
      </div>
      {current && (
        <Card withBorder component="section" aria-labelledby="new-release-title">
          <Title order={3} size="h4" id="new-release-title" mb="sm">
            {t('create.title')}
          </Title>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Group align="flex-start" gap="sm" grow>
                <TextInput label={t('create.version')} description={t('create.versionHint')} required value={version} onChange={(e) => setVersion(e.currentTarget.value)} maxLength={50} />
                <Select
                  label={t('create.channel')}
                  data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                  value={channel}
                  onChange={(value) => value && setChannel(value as Channel)}
                  allowDeselect={false}
                />
              </Group>
              <Textarea label={t('create.notes')} autosize minRows={3} maxRows={12} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
              {create.isError && (
                <Text size="sm" c="red" role="alert">
                  {problem(create.error)}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={create.isPending} disabled={!version.trim()}>
                  {t('create.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      {current && current.releases.length === 0 && <Text size="sm">{t('empty')}</Text>}
      {current?.releases.map((release) => (
        <ReleaseCard key={release.id} release={release} userId={userId} onStatus={setStatus} />
      ))}
    </Stack>
  );
}
