import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { DefinitionList } from '../../../components/definition-list';
import { useFormat } from '../../../lib/format';
import { useRequestRenewal } from '../api/request-renewal';
import type { Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';
import { MaintenanceBadge } from './maintenance-badge';
import { StatusText } from './status-text';
import { Dialog } from './dialog';

const MESSAGE_MAX = 2000;

/** Wartung: start, end and state of maintenance, and "request renewal" (a Kundendienst case about the key). */
export function MaintenanceCard({ keyData }: { keyData: Key }) {
  const { t, tApp, problem } = useKeysTranslation();
  const format = useFormat();
  const renewal = useRequestRenewal();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const { start, end, status } = keyData.maintenance;
  const none = tApp('common.none');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    renewal.mutate(
      { keyId: keyData.id, message: message.trim() },
      {
        onSuccess: () => {
          setOpen(false);
          setMessage('');
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="maintenance-title">
      <Title order={2} size="h4" id="maintenance-title" mb="sm">
        {t('maintenance.title')}
      </Title>
      <DefinitionList
        items={[
          { term: t('maintenance.start'), value: start ? <time dateTime={start}>{format.date(start)}</time> : none },
          { term: t('maintenance.end'), value: end ? <time dateTime={end}>{format.date(end)}</time> : none },
          { term: t('maintenance.status'), value: <MaintenanceBadge status={status} /> },
        ]}
      />
      {keyData.abilities.requestRenewal && (
        <Stack gap="xs" mt="md" align="flex-start">
          <Button
            variant={status === 'active' ? 'default' : 'filled'}
            onClick={() => {
              renewal.reset();
              setOpen(true);
            }}
          >
            {t('maintenance.requestRenewal')}
          </Button>
          <StatusText>{renewal.isSuccess ? t('maintenance.renewalSent', { number: renewal.data.number }) : null}</StatusText>
          {renewal.isSuccess && (
            <Anchor component={Link} to={`/cases/${renewal.data.caseId}`} size="sm">
              {t('maintenance.renewalCase', { number: renewal.data.number })}
            </Anchor>
          )}
        </Stack>
      )}
      <Dialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t('maintenance.renewalTitle')}
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('maintenance.renewalIntro')}</Text>
            <Textarea
              label={t('maintenance.renewalMessage')}
              description={t('maintenance.renewalMessageHint')}
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
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={renewal.isPending}>
                {t('maintenance.renewalSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Dialog>
    </Card>
  );
}
