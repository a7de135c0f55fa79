import { Badge, Group, Text } from '@mantine/core';
import { useFormat } from '../../../lib/format';
import type { TimelineEntry } from '../api/staff-cases';
import { CASE_SEVERITIES, CASE_STATUSES } from '../case-filters';
import { useStaffCasesTranslation } from '../i18n/register';
import classes from '../staff-case-page.module.css';

const EVENT_KINDS = [
  'opened',
  'status_changed',
  'severity_changed',
  'assigned',
  'contact_changed',
  'ccs_changed',
  'key_changed',
  'description_edited',
  'attachment_added',
  'attachment_quarantined',
  'attachment_scan_failed',
] as const;
type EventKind = (typeof EVENT_KINDS)[number];

const isEventKind = (kind: string | undefined): kind is EventKind => (EVENT_KINDS as readonly (string | undefined)[]).includes(kind);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Comments and events, oldest first; internal notes stand out in yellow with their label. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useStaffCasesTranslation();
  if (entries.length === 0) return <Text size="sm">{t('timeline.empty')}</Text>;
  return (
    <ol className={classes.timeline} aria-label={t('timeline.list')}>
      {entries.map((entry) => (entry.type === 'comment' ? <Comment key={entry.id} entry={entry} /> : <Event key={entry.id} entry={entry} />))}
    </ol>
  );
}

function Comment({ entry }: { entry: TimelineEntry }) {
  const { t } = useStaffCasesTranslation();
  const format = useFormat();
  const internal = entry.visibility === 'internal';
  const fromSupport = entry.author.kind === 'staff';
  const className = [classes.comment, internal ? classes.internal : fromSupport ? classes.fromSupport : ''].filter(Boolean).join(' ');
  return (
    <li className={className} data-visibility={entry.visibility}>
      <Group gap="xs" mb={6} wrap="wrap">
        {internal && (
          <Badge color="yellow.5" autoContrast variant="filled" styles={{ root: { textTransform: 'none' } }}>
            {t('timeline.internal')}
          </Badge>
        )}
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {entry.author.name ?? t('timeline.someone')}
        </Text>
        <Text size="xs" c="dimmed">
          {fromSupport ? t('timeline.support') : t('timeline.customer')} · <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
        </Text>
      </Group>
      {/* Rendered from Markdown and sanitised by the server (cases.presenter). */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitises the Markdown it renders. */}
      <div className={classes.markdown} dangerouslySetInnerHTML={{ __html: entry.bodyHtml ?? '' }} />
    </li>
  );
}

function Event({ entry }: { entry: TimelineEntry }) {
  const { t } = useStaffCasesTranslation();
  const format = useFormat();
  const actor = entry.author.name ?? t('timeline.someone');
  const data = entry.data ?? {};
  const status = (value: unknown) => ((CASE_STATUSES as readonly unknown[]).includes(value) ? t(`statuses.${value as (typeof CASE_STATUSES)[number]}`) : text(value));
  const severity = (value: unknown) =>
    (CASE_SEVERITIES as readonly unknown[]).includes(value) ? t(`severities.${value as (typeof CASE_SEVERITIES)[number]}`) : text(value);

  let line: string;
  if (!isEventKind(entry.kind)) line = t('timeline.events.other', { actor, kind: entry.kind ?? '' });
  else if (entry.kind === 'status_changed') line = t('timeline.events.status_changed', { actor, from: status(data.from), to: status(data.to) });
  else if (entry.kind === 'severity_changed') line = t('timeline.events.severity_changed', { actor, from: severity(data.from), to: severity(data.to) });
  else if (entry.kind === 'assigned') {
    if (!data.to) line = t('timeline.events.unassigned', { actor });
    else if (data.to === entry.author.name) line = t('timeline.events.assignedSelf', { actor });
    else line = t('timeline.events.assigned', { actor, to: text(data.to) });
  }
  else if (entry.kind === 'contact_changed') line = t('timeline.events.contact_changed', { actor, from: text(data.from), to: text(data.to) });
  else if (entry.kind === 'attachment_added') line = t('timeline.events.attachment_added', { actor, file: text(data.fileName) });
  else if (entry.kind === 'attachment_quarantined') line = t('timeline.events.attachment_quarantined', { file: text(data.fileName), signature: text(data.signature) });
  else if (entry.kind === 'attachment_scan_failed') line = t('timeline.events.attachment_scan_failed', { file: text(data.fileName) });
  else line = t(`timeline.events.${entry.kind}`, { actor });

  return (
    <li className={classes.event} data-visibility={entry.visibility}>
      <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {line}
      {entry.visibility === 'internal' && (
        <Badge ml="xs" size="sm" color="yellow" variant="light" styles={{ root: { textTransform: 'none' } }}>
          {t('timeline.internalEvent')}
        </Badge>
      )}
    </li>
  );
}
