import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useRequestRenewal } from '../api/request-renewal';
import { useDownloadsTranslation } from '../i18n/register';

const MESSAGE_MAX = 2000;

/**
 * The way out of an uncovered release: a renewal request about the key (a Kundendienst case, as on
 * the key's page) when the user sees that key, else a new Kundendienst case.
 */
export function Renewal({ keyId, product, version }: { keyId: string | null; product: string; version: string }) {
  const { t, problem } = useDownloadsTranslation();
  const renewal = useRequestRenewal();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');

  if (!keyId) {
    return (
      <Button component={Link} to="/cases/new?type=customer_service" variant="light" size="xs">
        {t('renewal.newCase')}
      </Button>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    renewal.mutate({ keyId, message: message.trim() }, { onSuccess: () => setOpen(false) });
  };

  return (
    <Stack gap="xs" align="flex-start">
      <Button
        size="xs"
        onClick={() => {
          renewal.reset();
          setMessage(`${product} ${version}`);
          setOpen(true);
        }}
      >
        {t('renewal.request')}
      </Button>
      <div role="status">
        {renewal.isSuccess && (
          <Group gap="xs">
            <Text size="sm">{t('renewal.sent', { number: renewal.data.number })}</Text>
            <Anchor component={Link} to={`/cases/${renewal.data.caseId}`} size="sm">
              {t('renewal.openCase', { number: renewal.data.number })}
            </Anchor>
          </Group>
        )}
      </div>
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
      </Modal>
    </Stack>
  );
}
