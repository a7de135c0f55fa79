import { Alert, Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useRequestRenewal } from '../api/reports';
import { useReportsTranslation } from '../i18n/register';
import { Dialog } from './dialog';

const MESSAGE_MAX = 2000;

/**
 * "Verlängerung anfragen" in a row of the maintenance report: the key page's request (a
 * Kundendienst case about the key, prefilled by the server), with an optional message.
 */
export function RenewalButton({ keyId, keyLabel }: { keyId: string; keyLabel: string }) {
  const { t, problem } = useReportsTranslation();
  const renewal = useRequestRenewal();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    renewal.mutate({ keyId, message: message.trim() }, { onSuccess: () => setOpen(false) });
  };

  if (renewal.isSuccess) {
    return (
      <Stack gap={2}>
        <Text size="sm" role="status">
          {t('renewal.sent', { number: renewal.data.number })}
        </Text>
        <Anchor component={Link} to={`/cases/${renewal.data.caseId}`} size="sm">
          {t('renewal.caseLink', { number: renewal.data.number })}
        </Anchor>
      </Stack>
    );
  }
  return (
    <>
      <Button size="compact-sm" variant="light" aria-label={t('renewal.actionLabel', { key: keyLabel })} onClick={() => setOpen(true)}>
        {t('renewal.action')}
      </Button>
      <Dialog opened={open} onClose={() => setOpen(false)} title={t('renewal.title')}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('renewal.intro')}</Text>
            <Text size="sm" fw={600}>
              {keyLabel}
            </Text>
            <Textarea
              label={t('renewal.message')}
              description={t('renewal.messageHint')}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={MESSAGE_MAX}
              value={message}
              onChange={(event) => setMessage(event.currentTarget.value)}
              data-autofocus
            />
            {renewal.isError && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{problem(renewal.error)}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('renewal.cancel')}
              </Button>
              <Button type="submit" loading={renewal.isPending}>
                {t('renewal.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}
