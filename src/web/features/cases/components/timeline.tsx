import { Badge, Box, Group, Text } from '@mantine/core';
import { useFormat } from '../../../lib/format';
import { CASE_SEVERITIES, CASE_STATUSES, type CaseSeverity, type CaseStatus, type TimelineEntry } from '../api/types';
import { useCasesTranslation } from '../i18n/register';
import classes from './timeline.module.css';
import { MarkdownBody } from './markdown-body';

const isStatus = (value: unknown): value is CaseStatus => typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
const isSeverity = (value: unknown): value is CaseSeverity =>
  typeof value === 'string' && (CASE_SEVERITIES as readonly string[]).includes(value);

/** A timeline event as a sentence ("Mia Mitglied hat den Status von „Neu“ auf „Gelöst“ geändert."). */
export function useEventSentence() {
  const { t } = useCasesTranslation();
  return (entry: TimelineEntry): string => {
    const name = entry.author.name ?? (entry.author.kind === 'staff' ? t('timeline.support') : t('timeline.system'));
    const data = entry.data ?? {};
    switch (entry.kind) {
      case 'opened':
        return t('timeline.events.opened', { name });
      case 'status_changed':
        if (isStatus(data.from) && isStatus(data.to)) {
          return t('timeline.events.statusChanged', { name, from: t(`status.${data.from}`), to: t(`status.${data.to}`) });
        }
        break;
      case 'severity_changed':
        if (isSeverity(data.from) && isSeverity(data.to)) {
          return t('timeline.events.severityChanged', {
            name,
            from: t(`severity.${data.from}.label`),
            to: t(`severity.${data.to}.label`),
          });
        }
        break;
      case 'contact_changed':
        if (typeof data.to === 'string') return t('timeline.events.contactChanged', { name, to: data.to });
        break;
      case 'ccs_changed':
        if (typeof data.count === 'number') return t('timeline.events.ccsChanged', { name, count: data.count });
        break;
      case 'key_changed':
        return t('timeline.events.keyChanged', { name });
      case 'description_edited':
        return t('timeline.events.descriptionEdited', { name });
      case 'attachment_added':
        if (typeof data.fileName === 'string') return t('timeline.events.attachmentAdded', { name, file: data.fileName });
        break;
      case 'attachment_quarantined':
        if (typeof data.fileName === 'string') return t('timeline.events.attachmentQuarantined', { file: data.fileName });
        break;
      case 'attachment_scan_failed':
        if (typeof data.fileName === 'string') return t('timeline.events.attachmentScanFailed', { file: data.fileName });
        break;
    }
    return t('timeline.events.other', { name });
  };
}

/** Public comments and events, oldest first: a comment as a card, an event as one line. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useCasesTranslation();
  const format = useFormat();
  const sentence = useEventSentence();
  return (
    <ol className={classes.list}>
      {entries.map((entry) =>
        entry.type === 'comment' ? (
          <li key={entry.id} className={entry.author.kind === 'staff' ? `${classes.comment} ${classes.staff}` : classes.comment}>
            <article aria-label={t('timeline.commentBy', { name: entry.author.name ?? t('timeline.support') })}>
              <Group gap="xs" justify="space-between" mb={6}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {entry.author.name ?? t('timeline.support')}
                  </Text>
                  {entry.author.kind === 'staff' && (
                    <Badge variant="light" color="indigo" size="sm">
                      {t('timeline.supportBadge')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                </Text>
              </Group>
              <MarkdownBody html={entry.bodyHtml ?? ''} />
            </article>
          </li>
        ) : (
          <li key={entry.id} className={classes.event}>
            <Box>
              <Text size="sm">{sentence(entry)}</Text>
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
              </Text>
            </Box>
          </li>
        ),
      )}
    </ol>
  );
}
