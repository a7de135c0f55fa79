import { Alert, Card, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Me, type NotificationPrefs, useUpdateMe } from '../../../lib/me';
import { problemMessageKey } from '../../../lib/problem-message';
import { useAccountTranslation } from '../i18n/register';

const KINDS = ['caseUpdates', 'caseStatus', 'invoiceReminders', 'releaseNotes', 'securityAlerts'] as const satisfies readonly (keyof NotificationPrefs)[];

/**
 * One switch per kind of mail, saved as soon as it is flipped. Each save names only its own kind
 * (the API leaves the others as they are), so two quick flips both arrive. The switches stay
 * usable while a save runs (a disabled switch would drop the keyboard focus).
 */
export function NotificationsCard({ me }: { me: Me }) {
  const { t } = useAccountTranslation();
  const { t: tApp } = useTranslation();
  const update = useUpdateMe();
  const [prefs, setPrefs] = useState<NotificationPrefs>(me.notificationPrefs);

  const toggle = (kind: (typeof KINDS)[number], on: boolean) => {
    setPrefs((shown) => ({ ...shown, [kind]: on }));
    update.mutate({ notificationPrefs: { [kind]: on } }, { onError: () => setPrefs((shown) => ({ ...shown, [kind]: !on })) });
  };

  return (
    <Card withBorder component="section" aria-labelledby="notifications-title">
      <Title order={2} size="h3" id="notifications-title">
        {t('notifications.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('notifications.intro')}
      </Text>
      <Stack gap="md" maw={640}>
        {KINDS.map((kind) => (
          <Switch
            key={kind}
            label={t(`notifications.${kind}.label`)}
            description={t(`notifications.${kind}.hint`)}
            checked={prefs[kind]}
            onChange={(event) => toggle(kind, event.currentTarget.checked)}
          />
        ))}
        <div role="status">
          {update.isSuccess && !update.isPending && (
            <Text size="sm" c="var(--mantine-color-success)">
              {t('notifications.saved')}
            </Text>
          )}
        </div>
        {update.isError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{tApp(problemMessageKey(update.error))}</Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
