import { Anchor, Badge, Button, Card, Checkbox, FileButton, Group, Select, Stack, Text, Textarea, Title, Typography } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useFormat } from '../../../lib/format';
import { FileDrop } from '../../files/components/file-drop';
import { UploadRows } from '../../files/components/upload-rows';
import { useReleaseUploads } from '../../files/components/use-uploads';
import { uploads } from '../../files/upload-manager';
import {
  type Arch,
  type Platform,
  type StaffRelease,
  useDeleteRelease,
  usePublishRelease,
  useRefreshReleases,
  useRemoveArtifact,
  useUnpublishRelease,
  useUpdateRelease,
  useUploadSignature,
} from '../api/releases';
import { useStaffReleasesTranslation } from '../i18n/register';

const TARGETS = ['windows-x64', 'windows-arm64', 'macos-arm64', 'macos-x64', 'linux-x64', 'linux-arm64'] as const;
const CHANNEL_COLOR = { stable: 'teal', preview: 'orange', lts: 'indigo' } as const;

/** One release in the console: status, publication, notes, files with checksums, and uploads of new files. */
export function ReleaseCard({ release, userId, onStatus }: { release: StaffRelease; userId: string; onStatus: (message: string) => void }) {
  const { t, problem } = useStaffReleasesTranslation();
  const format = useFormat();
  const publish = usePublishRelease();
  const unpublish = useUnpublishRelease();
  const remove = useDeleteRelease();
  const removeFile = useRemoveArtifact();
  const signature = useUploadSignature();
  const update = useUpdateRelease();
  const refresh = useRefreshReleases();
  const [notify, setNotify] = useState(true);
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState(release.notes);
  const [target, setTarget] = useState<string>('windows-x64');
  const rows = useReleaseUploads(release.id);
  const headingId = `staff-release-${release.id}`;
  const failed = [publish, unpublish, remove, removeFile, update, signature].find((m) => m.isError);
  // mutateAsync, not mutate's callbacks: the deleted release's card leaves the list (the reload
  // finishes first) and would take those callbacks with it, and the status line would stay silent.
  const deleteRelease = () =>
    remove.mutateAsync({ release }).then(
      () => onStatus(t('release.deleted', { version: release.version })),
      () => {}, // shown on the card from remove.error
    );

  // A finished upload is a file of the release now: reload the list to show it with its checksum.
  useEffect(() => {
    const off = uploads.onCompleted((item) => {
      if (item.artifact?.releaseId === release.id) void refresh();
    });
    return () => {
      off();
    };
  }, [release.id, refresh]);

  const startUpload = (files: File[]) => {
    const [platform, arch] = target.split('-') as [Platform, Arch];
    uploads.add({ caseId: release.id, userId, files, artifact: { releaseId: release.id, platform, arch } });
  };

  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="baseline" gap="xs" mb="sm">
        <Group gap="xs" align="baseline">
          <Title order={3} size="h4" id={headingId}>
            {t('release.title', { version: release.version })}
          </Title>
          <Badge variant="light" color={CHANNEL_COLOR[release.channel]} size="sm">
            {t(`channels.${release.channel}`)}
          </Badge>
          <Badge variant={release.status === 'published' ? 'filled' : 'outline'} color={release.status === 'published' ? 'teal' : 'gray'} size="sm">
            {t(`status.${release.status}`)}
          </Badge>
        </Group>
        {release.publishedAt && (
          <Text size="sm" c="dimmed">
            {t('release.publishedAt', { date: format.dateTime(release.publishedAt) })}
          </Text>
        )}
      </Group>

      <Stack gap="sm">
        {release.artifacts.length === 0 ? (
          <Text size="sm">{t('release.noFiles')}</Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} aria-label={t('release.files', { version: release.version })} style={{ listStyle: 'none' }}>
            {release.artifacts.map((a) => (
              <li key={a.id}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div style={{ minWidth: 0, flex: '1 1 280px' }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {t(`platforms.${a.platform}-${a.arch}`)} · {a.fileName} · {format.number(a.size)} B
                    </Text>
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="sha256">
                      SHA-256 {a.sha256}
                    </Text>
                    {a.signature && (
                      <Anchor href={a.signature.url} size="xs">
                        {t('release.signature', { file: a.signature.fileName })}
                      </Anchor>
                    )}
                  </div>
                  <FileButton
                    onChange={(file) => file && signature.mutate({ release, artifact: a, file }, { onSuccess: () => onStatus(t('release.signatureSaved', { file: file.name })) })}
                    accept=".sig,.asc,.minisig,.p7s,application/pgp-signature,application/octet-stream"
                  >
                    {(props) => (
                      <Button {...props} size="xs" variant="subtle" loading={signature.isPending && signature.variables?.artifact.id === a.id} aria-label={t('release.addSignatureOf', { file: a.fileName })}>
                        {t('release.addSignature')}
                      </Button>
                    )}
                  </FileButton>
                  {release.abilities.removeFiles && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => removeFile.mutate({ release, artifact: a }, { onSuccess: () => onStatus(t('release.removed', { file: a.fileName })) })}
                    >
                      {t('release.removeFile', { file: a.fileName })}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}

        {release.abilities.upload && (
          <Stack gap="xs">
            <Select
              label={t('upload.platform')}
              data={TARGETS.map((value) => ({ value, label: t(`platforms.${value}`) }))}
              value={target}
              onChange={(value) => value && setTarget(value)}
              allowDeselect={false}
              maw={280}
            />
            <FileDrop onFiles={startUpload} hint={t('upload.hint')} />
            <UploadRows items={rows} rules={undefined} label={t('upload.uploads', { version: release.version })} />
          </Stack>
        )}

        <details>
          <summary>
            <Text span size="sm" fw={500}>
              {t('release.notes')}
            </Text>
          </summary>
          {editing ? (
            <Stack gap="xs" mt="xs">
              <Textarea label={t('release.editNotes')} autosize minRows={4} maxRows={16} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
              <Group gap="xs">
                <Button
                  size="xs"
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate(
                      { release, patch: { notes } },
                      {
                        onSuccess: () => {
                          setEditing(false);
                          onStatus(t('release.notesSaved', { version: release.version }));
                        },
                      },
                    )
                  }
                >
                  {t('release.saveNotes')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t('release.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Stack gap="xs" mt="xs" align="flex-start">
              <Typography fz="sm" style={{ overflowWrap: 'anywhere' }}>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by markdown-it with HTML disabled. */}
                <div dangerouslySetInnerHTML={{ __html: release.notesHtml }} />
              </Typography>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setNotes(release.notes);
                  setEditing(true);
                }}
              >
                {t('release.editNotes')}
              </Button>
            </Stack>
          )}
        </details>

        <Group gap="sm" align="center">
          {release.status === 'draft' && (
            <>
              <Checkbox label={t('release.notify')} checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} />
              <Button
                disabled={!release.abilities.publish}
                loading={publish.isPending}
                onClick={() => publish.mutate({ release, notify }, { onSuccess: () => onStatus(t('release.published', { version: release.version })) })}
              >
                {t('release.publish')}
              </Button>
              <Button variant="subtle" color="red" onClick={deleteRelease}>
                {t('release.delete')}
              </Button>
            </>
          )}
          {release.abilities.unpublish && (
            <Button variant="default" loading={unpublish.isPending} onClick={() => unpublish.mutate({ release }, { onSuccess: () => onStatus(t('release.unpublished', { version: release.version })) })}>
              {t('release.unpublish')}
            </Button>
          )}
        </Group>
        {failed?.error && (
          <Text size="sm" c="red" role="alert">
            {problem(failed.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
