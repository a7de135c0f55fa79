import { Alert, Anchor, Button, type ButtonProps, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest } from '../lib/api-client';
import { problemMessageKey } from '../lib/problem-message';

const MESSAGE_MAX = 2000;

/** Asks the vendor to renew a key's maintenance: the server opens a Kundendienst case about the key. */
async function requestRenewal({ keyId, message }: { keyId: string; message: string }): Promise<{ caseId: string; number: string }> {
  const { data } = await apiRequest<{ data: { caseId: string; number: string } }>(`/api/v1/keys/${encodeURIComponent(keyId)}/renewal-request`, {
    method: 'POST',
    body: message ? { message } : {},
  });
  return data;
}

/**
 * "Verlängerung anfragen", wherever a key's maintenance runs out: on the key's page, beside a
 * release the key does not cover, in a row of the maintenance report. The button opens a dialog
 * with an optional message; once sent, a status line names the new case and links to it.
 * `keyLabel` names the key where the button alone does not (a report row); `prefill` starts the
 * message (the release the user wanted).
 */
export function RenewalRequest({ keyId, keyLabel, prefill = '', button }: { keyId: string; keyLabel?: string; prefill?: string; button?: ButtonProps }) {
  const { t } = useTranslation();
  const renewal = useMutation({ mutationFn: requestRenewal });
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await renewal.mutateAsync({ keyId, message: message.trim() });
      setOpen(false);
    } catch {
      // Shown in the dialog from the mutation's error.
    }
  };

  return (
    <Stack gap={4} align="flex-start">
      <Button
        {...button}
        aria-label={keyLabel ? t('renewal.requestFor', { key: keyLabel }) : undefined}
        onClick={() => {
          renewal.reset();
          setMessage(prefill);
          setOpen(true);
        }}
      >
        {t('renewal.request')}
      </Button>
      {/* Always in the page, so screen readers announce the line that appears in it. */}
      <Text size="sm" role="status" c="var(--mantine-color-success)" fw={500}>
        {renewal.isSuccess ? t('renewal.sent', { number: renewal.data.number }) : ''}
      </Text>
      {renewal.isSuccess && (
        <Anchor component={Link} to={`/cases/${renewal.data.caseId}`} size="sm">
          {t('renewal.openCase', { number: renewal.data.number })}
        </Anchor>
      )}
      <Modal
        centered
        opened={open}
        onClose={() => setOpen(false)}
        title={t('renewal.title')}
        closeButtonProps={{ 'aria-label': t('renewal.close') }}
        attributes={{ header: { role: 'none' } }}
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('renewal.intro')}</Text>
            {keyLabel && (
              <Text size="sm" fw={600}>
                {keyLabel}
              </Text>
            )}
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
                <Text size="sm">{t(problemMessageKey(renewal.error))}</Text>
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
      </Modal>
    </Stack>
  );
}
