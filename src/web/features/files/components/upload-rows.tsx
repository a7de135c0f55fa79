import { Badge, Box, Button, Group, Progress, Text } from '@mantine/core';
import { Sha256Copy } from '../../../components/sha256-copy';
import type { UploadRules } from '../api/attachments';
import { useFilesTranslation } from '../i18n/register';
import { formatBytes, formatDuration, formatSpeed } from '../upload-format';
import { type UploadItem, uploads } from '../upload-manager';
import type { UploadProblem } from '../upload-problem';
import classes from './files.module.css';

/** The readable sentence for a failed upload, with the case's limits where the server named them. */
export function useProblemText(rules: UploadRules | undefined) {
  const { t, language } = useFilesTranslation();
  return (problem: UploadProblem): string => {
    switch (problem.key) {
      case 'errors.tooLarge':
        return rules ? t('errors.tooLarge', { max: formatBytes(rules.maxFileBytes, language) }) : t('errors.tooLargeUnknown');
      case 'errors.quota':
        return rules ? t('errors.quota', { free: formatBytes(rules.remainingBytes, language) }) : t('errors.quotaUnknown');
      case 'errors.server':
        return t('errors.server', { status: String(problem.status) });
      default:
        return t(problem.key);
    }
  };
}

/** One row per file of this browser's uploads to the case: progress, speed, time left, controls. */
export function UploadRows({ items, rules, label }: { items: UploadItem[]; rules: UploadRules | undefined; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className={classes.list} aria-label={label}>
      {items.map((item) => (
        <UploadRow key={item.id} item={item} rules={rules} />
      ))}
    </ul>
  );
}

function UploadRow({ item, rules }: { item: UploadItem; rules: UploadRules | undefined }) {
  const { t, language } = useFilesTranslation();
  const problemText = useProblemText(rules);
  const percent = item.bytesTotal > 0 ? Math.floor((item.bytesSent / item.bytesTotal) * 100) : item.status === 'done' ? 100 : 0;
  const size = (bytes: number) => formatBytes(bytes, language);
  const name = item.name;

  const parts: string[] = [];
  if (item.status === 'queued') parts.push(t('row.waiting'));
  if (item.status === 'uploading' && item.bytesSent === 0 && item.rate === null) parts.push(t('row.starting'));
  if (item.status !== 'done') parts.push(t('row.sent', { sent: size(item.bytesSent), total: size(item.bytesTotal) }));
  if (item.status === 'uploading' && item.rate !== null) parts.push(formatSpeed(item.rate, language));
  if (item.status === 'uploading' && item.secondsLeft !== null) parts.push(t('row.timeLeft', { time: formatDuration(item.secondsLeft, language) }));
  if (item.status === 'paused') parts.push(t('row.paused'));
  if (item.status === 'finishing') parts.push(t('row.finishing'));
  if (item.status === 'canceling') parts.push(t('row.canceling'));
  if (item.status === 'done') parts.push(t('row.done'), size(item.bytesTotal));
  if (item.resumedAt > 0 && item.status !== 'done') parts.push(t('row.resumed', { sent: size(item.resumedAt) }));

  const color = item.status === 'error' ? 'red' : item.status === 'done' ? 'green' : item.status === 'paused' ? 'gray' : undefined;
  const button = (text: string, aria: string, onClick: () => void, variant: 'default' | 'subtle' = 'default') => (
    <Button size="compact-sm" variant={variant} onClick={onClick} aria-label={aria}>
      {text}
    </Button>
  );

  return (
    <li className={item.visibility === 'internal' ? `${classes.item} ${classes.internal}` : classes.item} data-status={item.status}>
      <Group justify="space-between" gap="xs" wrap="wrap" mb={6}>
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          <Text size="sm" className={classes.name}>
            {name}
          </Text>
          {item.visibility === 'internal' && (
            <Badge size="sm" color="yellow.5" autoContrast styles={{ root: { textTransform: 'none' } }}>
              {t('row.internal')}
            </Badge>
          )}
        </Group>
        <Group gap={6} wrap="wrap">
          {item.status === 'uploading' && button(t('row.pause'), t('row.pauseFile', { name }), () => uploads.pause(item.id))}
          {item.status === 'paused' && button(t('row.resume'), t('row.resumeFile', { name }), () => uploads.resume(item.id))}
          {item.status === 'error' && item.problem?.retryable && button(t('row.retry'), t('row.retryFile', { name }), () => uploads.resume(item.id))}
          {(item.status === 'uploading' || item.status === 'paused' || item.status === 'queued' || (item.status === 'error' && item.problem?.retryable)) &&
            button(t('row.cancel'), t('row.cancelFile', { name }), () => void uploads.cancel(item.id), 'subtle')}
          {(item.status === 'done' || (item.status === 'error' && !item.problem?.retryable)) &&
            button(t('row.dismiss'), t('row.dismissFile', { name }), () => uploads.dismiss(item.id), 'subtle')}
        </Group>
      </Group>
      <Progress.Root
        size="md"
        role="progressbar"
        aria-label={t('row.progress', { name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
      >
        <Progress.Section value={percent} withAria={false} color={color} animated={item.status === 'finishing'} />
      </Progress.Root>
      <Text size="xs" c="dimmed" mt={4}>
        {parts.join(' · ')}
      </Text>
      {item.status === 'error' && item.problem && (
        <Text size="sm" c="var(--mantine-color-error)" mt={4}>
          {problemText(item.problem)}
        </Text>
      )}
      {item.status === 'done' && item.sha256 && (
        <Box mt={4}>
          <Sha256Copy sha256={item.sha256} fileName={name} label />
        </Box>
      )}
    </li>
  );
}
