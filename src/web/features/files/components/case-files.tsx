import '../i18n/register';
import { Card, Radio, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { type AttachmentVisibility, attachmentsQueryKey, type FilesScope, type UploadRules, useAttachments } from '../api/attachments';
import { useFilesTranslation } from '../i18n/register';
import { formatBytes } from '../upload-format';
import { type UploadItem, uploads } from '../upload-manager';
import { AttachmentList } from './attachment-list';
import { FileDrop } from './file-drop';
import { StoredUploadsList } from './stored-uploads-list';
import { useProblemText, UploadRows } from './upload-rows';
import { useCaseUploads } from './use-uploads';

/** Starts uploads to a case, refusing right away what the case's limits already rule out. */
export function startCaseUploads({
  caseId,
  userId,
  files,
  rules,
  visibility = 'public',
  quotaApplies,
}: {
  caseId: string;
  userId: string;
  files: File[];
  rules: UploadRules | undefined;
  visibility?: AttachmentVisibility;
  quotaApplies: boolean;
}) {
  const accepted: File[] = [];
  for (const file of files) {
    if (rules && file.size > rules.maxFileBytes) uploads.reject({ caseId, file, visibility, problem: { key: 'errors.tooLarge', status: 413, retryable: false } });
    else if (rules && quotaApplies && file.size > rules.remainingBytes) uploads.reject({ caseId, file, visibility, problem: { key: 'errors.quota', status: 413, retryable: false } });
    else accepted.push(file);
  }
  if (accepted.length) uploads.add({ caseId, userId, files: accepted, visibility, ...(rules ? { endpoint: rules.endpoint } : {}) });
}

/**
 * The Dateien section of a case page: the files (internal ones marked, for staff), then
 * "Dateien hochladen" while the case takes files, this browser's running uploads and the
 * unfinished ones it remembers. `onUploaded` lets the page refresh its timeline.
 */
export function CaseFiles({ scope, caseId, userId, onUploaded }: { scope: FilesScope; caseId: string; userId: string; onUploaded?: () => void }) {
  const { t, language } = useFilesTranslation();
  const list = useAttachments(scope, caseId);
  const queryClient = useQueryClient();
  const items = useCaseUploads(caseId);
  const [visibility, setVisibility] = useState<AttachmentVisibility>('public');
  const announce = useAnnouncements(items, list.data?.upload);
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: attachmentsQueryKey(scope, caseId) });
    onUploadedRef.current?.();
  }, [queryClient, scope, caseId]);

  useEffect(() => {
    const off = uploads.onCompleted((item) => {
      if (item.caseId === caseId) refresh();
    });
    return () => {
      off();
    };
  }, [caseId, refresh]);

  const rules = list.data?.upload;
  const start = (files: File[], chosen: AttachmentVisibility = visibility) =>
    startCaseUploads({ caseId, userId, files, rules, visibility: chosen, quotaApplies: scope === 'customer' });

  const titleId = `files-title-${scope}`;
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        {t('section.title')}
      </Title>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="md">
          {list.data.data.length === 0 ? (
            <Text size="sm">{t('section.empty')}</Text>
          ) : (
            <AttachmentList attachments={list.data.data} label={t('list.label')} />
          )}
          {list.data.data.some((a) => a.scanStatus === 'pending') && (
            <Text size="xs" c="dimmed">
              {t('section.refreshing')}
            </Text>
          )}
          {list.data.upload.allowed ? (
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('upload.title')}
              </Title>
              {list.data.upload.visibilities.includes('internal') && (
                <Radio.Group label={t('upload.visibility')} value={visibility} onChange={(value) => setVisibility(value as AttachmentVisibility)}>
                  <Stack gap={6} mt={6}>
                    <Radio value="public" label={t('upload.public')} description={t('upload.publicHint')} />
                    <Radio value="internal" label={t('upload.internal')} description={t('upload.internalHint')} />
                  </Stack>
                </Radio.Group>
              )}
              <FileDrop
                onFiles={(files) => start(files)}
                hint={[
                  t('upload.hint', { max: formatBytes(list.data.upload.maxFileBytes, language) }),
                  scope === 'customer' && list.data.upload.remainingBytes < list.data.upload.maxFileBytes
                    ? t('upload.free', { free: formatBytes(list.data.upload.remainingBytes, language) })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
              />
              <StoredUploadsList userId={userId} caseId={caseId} active={items} onResume={(file, v) => start([file], v)} onFinishedElsewhere={refresh} />
            </Stack>
          ) : (
            <Text size="sm">{scope === 'customer' ? t('upload.closed') : t('upload.notAllowed')}</Text>
          )}
          <UploadRows items={items} rules={rules} label={t('upload.uploads')} />
        </Stack>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announce}
      </VisuallyHidden>
    </Card>
  );
}

/** The sentence a screen reader hears when an upload finishes or fails (the region stays in the page). */
function useAnnouncements(items: UploadItem[], rules: UploadRules | undefined): string {
  const { t } = useFilesTranslation();
  const problemText = useProblemText(rules);
  const say = useRef({ t, problemText });
  say.current = { t, problemText };
  // Rows that were already there when the page opened are not news.
  const seen = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const first = seen.current === null;
    if (!seen.current) seen.current = new Map();
    const known = seen.current;
    for (const item of items) {
      const before = known.get(item.id);
      known.set(item.id, item.status);
      if (first || before === item.status) continue;
      if (item.status === 'done') setMessage(say.current.t('live.done', { name: item.name }));
      if (item.status === 'error' && item.problem) setMessage(say.current.t('live.failed', { name: item.name, message: say.current.problemText(item.problem) }));
    }
  }, [items]);
  return message;
}
