import { Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useAddStaffComment } from '../api/staff-cases';
import { CASE_STATUSES, type CaseStatus } from '../case-filters';
import { useStaffCasesTranslation } from '../i18n/register';
import classes from '../staff-case-page.module.css';
import { StatusLine } from './status-line';

const MAX_BODY = 20_000;
type Visibility = 'public' | 'internal';

/**
 * Öffentliche Antwort (mailed to the contact and CCs, by default "waiting on customer") or
 * Interne Notiz (staff only). The choice is made explicitly, the field turns yellow for a note, and
 * the submit button names what will happen.
 */
export function ReplyComposer({ caseId }: { caseId: string }) {
  const { t, problem } = useStaffCasesTranslation();
  const add = useAddStaffComment();
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<CaseStatus>('waiting_on_customer');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const internal = visibility === 'internal';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const text = body.trim();
    if (!text) return setFieldError(t('reply.required'));
    if (text.length > MAX_BODY) return setFieldError(t('reply.tooLong', { max: MAX_BODY.toLocaleString() }));
    setFieldError(null);
    add.mutate(
      { caseId, input: internal ? { body: text, visibility } : { body: text, visibility, status } },
      {
        onSuccess: () => {
          setBody('');
          setDone(internal ? t('reply.noted') : t('reply.sent'));
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="reply-title">
      <Title order={2} size="h4" id="reply-title" mb="sm">
        {t('reply.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group
            label={t('reply.kind')}
            value={visibility}
            onChange={(value) => {
              setVisibility(value === 'internal' ? 'internal' : 'public');
              setDone(null);
            }}
          >
            <Group gap="sm" mt={6} align="stretch">
              <Radio className={classes.choice} value="public" label={t('reply.public')} description={t('reply.publicHint')} />
              <Radio className={`${classes.choice} ${classes.choiceInternal}`} value="internal" label={t('reply.internal')} description={t('reply.internalHint')} />
            </Group>
          </Radio.Group>
          <Textarea
            className={internal ? classes.internalComposer : undefined}
            label={internal ? t('reply.bodyInternal') : t('reply.bodyPublic')}
            description={t('reply.markdownHint')}
            autosize
            minRows={4}
            maxRows={16}
            value={body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              if (fieldError) setFieldError(null);
            }}
            error={fieldError}
            required
          />
          {!internal && (
            <NativeSelect
              label={t('reply.newStatus')}
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value as CaseStatus)}
              data={CASE_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
              maw={320}
            />
          )}
          {add.isError && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {problem(add.error)}
            </Text>
          )}
          <StatusLine>{done}</StatusLine>
          <Group>
            <Button type="submit" loading={add.isPending} color={internal ? 'yellow.5' : undefined} autoContrast>
              {internal ? t('reply.submitInternal') : t('reply.submitPublic')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
