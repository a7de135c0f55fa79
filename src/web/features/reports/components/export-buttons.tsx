import { Button, Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { type DownloadProgress, fetchWithProgress, formatBytes, saveFile } from '../download';
import { useReportsTranslation } from '../i18n/register';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; format: 'csv' | 'xlsx'; progress: DownloadProgress }
  | { kind: 'done'; fileName: string; size: number }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/**
 * CSV and Excel downloads of the report's rows. The file is read with fetch so the bytes received
 * show while the server streams it, then handed to the browser's download; it can be cancelled.
 */
export function ExportButtons({ href, fallbackName }: { href: (format: 'csv' | 'xlsx') => string; fallbackName: (format: 'csv' | 'xlsx') => string }) {
  const { t, problem, language } = useReportsTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const run = async (format: 'csv' | 'xlsx') => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', format, progress: { received: 0, total: null } });
    try {
      const file = await fetchWithProgress(href(format), {
        signal: controller.signal,
        fallbackName: fallbackName(format),
        onProgress: (progress) => setState({ kind: 'running', format, progress }),
      });
      saveFile(file.blob, file.fileName);
      setState({ kind: 'done', fileName: file.fileName, size: file.size });
    } catch (error) {
      setState(controller.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: `${t('export.failed')} ${problem(error)}` });
    } finally {
      abort.current = null;
    }
  };

  const running = state.kind === 'running';
  const message =
    state.kind === 'running'
      ? t('export.running', { size: formatBytes(state.progress.received, language) })
      : state.kind === 'done'
        ? t('export.done', { file: state.fileName, size: formatBytes(state.size, language) })
        : state.kind === 'failed'
          ? state.message
          : state.kind === 'cancelled'
            ? t('export.cancelled')
            : '';

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button variant="default" onClick={() => void run('xlsx')} loading={running && state.format === 'xlsx'} disabled={running}>
          {t('export.xlsx')}
        </Button>
        <Button variant="default" onClick={() => void run('csv')} loading={running && state.format === 'csv'} disabled={running}>
          {t('export.csv')}
        </Button>
        {running && (
          <Button variant="subtle" color="red" onClick={() => abort.current?.abort()}>
            {t('export.cancel')}
          </Button>
        )}
      </Group>
      {running && (
        <Progress
          value={state.progress.total ? (100 * state.progress.received) / state.progress.total : 100}
          animated={!state.progress.total}
          striped={!state.progress.total}
          aria-label={message}
        />
      )}
      {/* Shown to the eye; assistive technology reads the status below (once at the start, once at the end). */}
      <Text size="sm" c={state.kind === 'failed' ? 'red' : undefined} aria-hidden>
        {message}
      </Text>
      <VisuallyHidden role="status">{state.kind === 'running' ? t('common.loading') : message}</VisuallyHidden>
    </Stack>
  );
}
