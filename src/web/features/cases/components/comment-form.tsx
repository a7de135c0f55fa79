import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useAddComment } from '../api/case-mutations';
import { caseFieldProblems } from '../case-problem';
import { useCasesTranslation } from '../i18n/register';
import { StatusText } from './status-text';

/** Kommentar hinzufügen: support is told automatically; the text stays when sending fails. */
export function CommentForm({ accountId, caseId }: { accountId: string; caseId: string }) {
  const { t, tApp, problem, say } = useCasesTranslation();
  const add = useAddComment(accountId);
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    add.mutate(
      { caseId, body },
      {
        onSuccess: () => {
          setBody('');
          setStatus(t('comment.added'));
        },
      },
    );
  };

  const atField = caseFieldProblems(add.error, ['body'] as const).body;
  const error = empty ? tApp('validation.required') : atField ? say(atField) : undefined;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="comment-title">
      <Stack gap="sm">
        <Textarea
          label={t('comment.label')}
          description={t('comment.hint')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={16}
          maxLength={20000}
          error={error}
        />
        {add.isError && !atField && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{problem(add.error)}</Text>
          </Alert>
        )}
        <Group justify="space-between" gap="sm">
          <StatusText>{status}</StatusText>
          <Button type="submit" loading={add.isPending}>
            {t('comment.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
