import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailStatus } from '../api/get-outbox';

const COLORS: Record<MailStatus, string> = { queued: 'indigo', sent: 'teal', held: 'yellow', failed: 'red' };

function isMailStatus(status: string): status is MailStatus {
  return Object.hasOwn(COLORS, status);
}

export function MailStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isMailStatus(status)) {
    return (
      <Badge variant="light" color="gray">
        {status}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={COLORS[status]}>
      {t(`console.outbox.statuses.${status}`)}
    </Badge>
  );
}
