import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import { DownloadIcon } from '../../../components/icons';
import { Sha256Copy } from '../../../components/sha256-copy';
import { useFormat } from '../../../lib/format';
import type { Attachment, ScanStatus } from '../api/attachments';
import { useFilesTranslation } from '../i18n/register';
import { formatBytes } from '../upload-format';
import classes from './files.module.css';

const SCAN_COLOR: Record<ScanStatus, string> = { clean: 'teal', pending: 'blue', skipped: 'gray', infected: 'red', failed: 'red' };

/**
 * The files of a case, oldest first: name (the download link when the file may be downloaded),
 * size, detected type, uploader and date, SHA-256 with a copy button, the virus-check state.
 * Infected and unchecked-because-failed files are shown as blocked, never as a link.
 */
export function AttachmentList({ attachments, label }: { attachments: Attachment[]; label: string }) {
  return (
    <ul className={classes.list} aria-label={label}>
      {attachments.map((a) => (
        <AttachmentItem key={a.id} a={a} />
      ))}
    </ul>
  );
}

function AttachmentItem({ a }: { a: Attachment }) {
  const { t, language } = useFilesTranslation();
  const format = useFormat();
  const blocked = a.scanStatus === 'infected' || a.scanStatus === 'failed';
  const className = [classes.item, a.visibility === 'internal' ? classes.internal : '', blocked ? classes.blocked : ''].filter(Boolean).join(' ');
  const uploader = a.uploadedBy.name ?? (a.uploadedBy.kind === 'staff' ? t('list.support') : t('list.someone'));
  const hint =
    a.scanStatus === 'pending'
      ? t('scan.pendingHint')
      : a.scanStatus === 'infected'
        ? t('scan.infectedHint', { signature: a.scanResult ?? '?' })
        : a.scanStatus === 'failed'
          ? t('scan.failedHint')
          : null;

  return (
    <li className={className} data-visibility={a.visibility} data-scan={a.scanStatus}>
      <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          {a.abilities.download ? (
            <Anchor href={a.contentUrl} download={a.fileName} className={classes.name} size="sm" aria-label={t('list.downloadFile', { name: a.fileName })}>
              <Group gap={4} component="span" wrap="nowrap" align="center">
                <DownloadIcon size={16} />
                <span>{a.fileName}</span>
              </Group>
            </Anchor>
          ) : (
            <Text size="sm" className={classes.name}>
              {a.fileName}
            </Text>
          )}
          {a.visibility === 'internal' && (
            <Badge size="sm" color="yellow.5" autoContrast title={t('list.internalHint')} styles={{ root: { textTransform: 'none' } }}>
              {t('list.internal')}
            </Badge>
          )}
        </Group>
        <Badge size="sm" variant="light" color={SCAN_COLOR[a.scanStatus]} styles={{ root: { textTransform: 'none' } }}>
          {t(`scan.${a.scanStatus}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {formatBytes(a.size, language)} · <span style={{ overflowWrap: 'anywhere' }}>{a.contentType}</span> ·{' '}
        {t('list.by', { name: uploader, date: format.dateTime(a.createdAt) })}
      </Text>
      <Box mt={4}>
        <Sha256Copy sha256={a.sha256} fileName={a.fileName} label />
      </Box>
      {hint && (
        <Text size="xs" mt={4} c={blocked ? 'var(--mantine-color-error)' : undefined}>
          {hint}
        </Text>
      )}
    </li>
  );
}
