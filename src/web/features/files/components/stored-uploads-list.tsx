import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useFilesTranslation } from '../i18n/register';
import {
  discardStoredUpload,
  findStoredUploads,
  forgetStoredUploads,
  identityOfFile,
  type StoredProgress,
  type StoredUpload,
  storedUploadProgress,
  uploadFingerprint,
} from '../stored-uploads';
import { formatBytes } from '../upload-format';
import type { UploadItem } from '../upload-manager';
import classes from './files.module.css';

type Found = StoredUpload & { progress: StoredProgress | null };

/**
 * Uploads of this person to this case that the browser remembers but nothing here is sending
 * (the page was reloaded, the tab closed, the connection lost): how far the server got, and a
 * way to continue — the browser cannot reopen a file by itself, so the person chooses it again
 * and the upload goes on from the server's offset — or to discard it.
 */
export function StoredUploadsList({
  userId,
  caseId,
  active,
  onResume,
  onFinishedElsewhere,
}: {
  userId: string;
  caseId: string;
  active: UploadItem[];
  onResume: (file: File, visibility: 'public' | 'internal') => void;
  onFinishedElsewhere: () => void;
}) {
  const { t, language } = useFilesTranslation();
  const [found, setFound] = useState<Found[]>([]);
  const [mismatch, setMismatch] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const target = useRef<Found | null>(null);
  const activeFingerprints = active.map((item) => uploadFingerprint(identityOfFile(item.file, { userId, caseId, visibility: item.visibility }))).join('\n');

  useEffect(() => {
    const controller = new AbortController();
    const busy = new Set(activeFingerprints.split('\n'));
    void (async () => {
      const stored = (await findStoredUploads({ userId, caseId })).filter((s) => !busy.has(s.fingerprint));
      if (controller.signal.aborted) return;
      setFound(stored.map((s) => ({ ...s, progress: null })));
      let finished = false;
      const checked = await Promise.all(
        stored.map(async (s): Promise<Found | null> => {
          const progress = await storedUploadProgress(s.uploadUrl, controller.signal);
          // Gone (expired, removed) or finished (the file is on the case): nothing left to resume.
          if (progress.state === 'gone' || progress.state === 'complete') {
            await forgetStoredUploads(s.fingerprint);
            if (progress.state === 'complete') finished = true;
            return null;
          }
          return { ...s, progress };
        }),
      );
      if (controller.signal.aborted) return;
      setFound(checked.filter((s): s is Found => s !== null));
      if (finished) onFinishedElsewhere();
    })();
    return () => controller.abort();
  }, [userId, caseId, activeFingerprints, onFinishedElsewhere]);

  if (found.length === 0) return null;

  const choose = (s: Found) => {
    target.current = s;
    setMismatch(null);
    input.current?.click();
  };

  const picked = (file: File) => {
    const s = target.current;
    if (!s) return;
    const fingerprint = uploadFingerprint(identityOfFile(file, { userId, caseId, visibility: s.identity.visibility }));
    if (fingerprint !== s.fingerprint) {
      setMismatch(t('resume.mismatch', { picked: file.name, name: s.identity.name }));
      return;
    }
    onResume(file, s.identity.visibility);
  };

  const discard = async (s: Found) => {
    await discardStoredUpload(s).catch(() => {});
    setFound((list) => list.filter((other) => other.key !== s.key));
  };

  return (
    <Paper component="section" aria-labelledby={`resume-title-${caseId}`} withBorder p="sm" bg="var(--mantine-color-yellow-light)">
      <Title order={3} size="h6" id={`resume-title-${caseId}`} mb={4}>
        {t('resume.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('resume.hint')}
      </Text>
      <ul className={classes.list}>
        {found.map((s) => (
          <li key={s.key} className={classes.item}>
            <Text size="sm" className={classes.name}>
              {s.identity.name}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {s.progress?.state === 'partial'
                ? t('resume.progress', { sent: formatBytes(s.progress.offset, language), total: formatBytes(s.progress.length, language) })
                : t('resume.checking')}
            </Text>
            <Group gap="xs" wrap="wrap">
              <Button size="compact-sm" onClick={() => choose(s)} aria-label={t('resume.chooseFile', { name: s.identity.name })}>
                {t('resume.choose')}
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => void discard(s)} aria-label={t('resume.discardFile', { name: s.identity.name })}>
                {t('resume.discard')}
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      {mismatch && (
        <Text size="sm" mt="xs" c="var(--mantine-color-error)" role="alert">
          {mismatch}
        </Text>
      )}
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) picked(file);
        }}
      />
    </Paper>
  );
}
