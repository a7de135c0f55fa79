import { Alert, Button, Card, Input, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { DownloadIcon } from '../../../components/icons';
import { type OfflineResult, useOfflineRequest } from '../api/offline-licensing';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import classes from './offline-activation-card.module.css';

/** The server accepts request files up to this size (its body limit for `request`). */
const MAX_REQUEST_BYTES = 16_384;

/** The key a request file names, when the file is readable JSON; the server checks everything else. */
function keyInRequest(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { key?: unknown }).key === 'string') {
      return (parsed as { key: string }).key.trim().toUpperCase().replace(/\s+/g, '');
    }
  } catch {
    // Not JSON: the server explains that it is no request file.
  }
  return null;
}

/**
 * Offline-Aktivierung: upload the request file the software wrote on a machine without internet,
 * get the signed licence file to take back. A deactivation file gives an offline seat back.
 */
export function OfflineActivationCard({ accountId, keyData }: { accountId: string; keyData: Key }) {
  const { t, problem } = useKeysTranslation();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const offline = useOfflineRequest(accountId);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<OfflineResult | null>(null);
  const [downloadUrl, setDownloadUrl] = useState<string | null>(null);

  // A licence file is offered as a Blob URL; it is released when replaced or when the page closes.
  useEffect(() => {
    if (!result?.licenseFile) {
      setDownloadUrl(null);
      return;
    }
    const url = URL.createObjectURL(
      new Blob([`${JSON.stringify(result.licenseFile, null, 2)}\n`], { type: 'application/json' }),
    );
    setDownloadUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [result]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setResult(null);
    offline.reset();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError(t('offline.fileRequired'));
      return;
    }
    if (file.size > MAX_REQUEST_BYTES) {
      setFileError(t('offline.fileTooLarge'));
      return;
    }
    const text = await file.text();
    const named = keyInRequest(text);
    if (named && !keyData.licenseKeyMasked && named !== keyData.licenseKey) {
      setFileError(t('offline.otherKey', { suffix: named.slice(-5) }));
      return;
    }
    setFileError(null);
    offline.mutate(
      { request: text },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setFileName(null);
          if (fileRef.current) fileRef.current.value = '';
        },
      },
    );
  };

  const describedBy = [`${id}-description`, fileError ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <Card withBorder component="section" aria-labelledby="offline-title">
      <Title order={2} size="h4" id="offline-title">
        {t('offline.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('offline.intro')}
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm" align="flex-start">
          <Input.Wrapper
            id={id}
            label={t('offline.file')}
            description={t('offline.fileHint')}
            error={fileError}
            required
            w="100%"
          >
            <div className={classes.picker}>
              <input
                ref={fileRef}
                id={id}
                type="file"
                accept=".json,application/json,text/plain"
                required
                aria-invalid={fileError ? true : undefined}
                aria-describedby={describedBy}
                className={classes.input}
                onChange={(event) => {
                  setFileName(event.currentTarget.files?.[0]?.name ?? null);
                  setFileError(null);
                  setResult(null);
                  offline.reset();
                }}
              />
              <span className={classes.button} aria-hidden="true">
                {t('offline.choose')}
              </span>
              <span className={classes.name} aria-hidden="true">
                {fileName ?? t('offline.noFile')}
              </span>
            </div>
          </Input.Wrapper>
          <Button type="submit" loading={offline.isPending}>
            {t('offline.submit')}
          </Button>
        </Stack>
      </form>
      {offline.isError && (
        <Alert color="red" variant="light" role="alert" mt="md">
          <Text size="sm">{problem(offline.error)}</Text>
        </Alert>
      )}
      <Stack gap="sm" mt={result ? 'md' : 0} align="flex-start">
        <Text size="sm" role="status" fw={500} c="var(--mantine-color-success)">
          {result ? t(result.kind === 'activation' ? 'offline.activated' : 'offline.deactivated') : ''}
        </Text>
        {result?.licenseFile && downloadUrl && (
          <Button
            component="a"
            href={downloadUrl}
            download={`license-${result.keyId}.json`}
            leftSection={<DownloadIcon size={16} />}
          >
            {t('offline.download')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
