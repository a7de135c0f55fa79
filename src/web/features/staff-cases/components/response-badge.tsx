import { Badge, Text } from '@mantine/core';
import { useFormat } from '../../../lib/format';
import { intlLocale } from '../../../lib/language';
import { useStaffCasesTranslation } from '../i18n/register';
import { distance, formatDistance, type ResponseState, stateAt } from '../response-time';

const COLORS: Record<ResponseState, string> = { due: 'blue', overdue: 'red', met: 'teal', breached: 'orange' };

type Target = { responseState: ResponseState; firstResponseDueAt: string; firstRespondedAt: string | null };

/**
 * The first-response target at a glance: "fällig in 35 Min.", "überfällig seit 2 Std.", met or
 * breached; the exact time below it (`withTime`) or in the tooltip-free title for the table.
 */
export function ResponseBadge({ target, now, withTime = false }: { target: Target; now: number; withTime?: boolean }) {
  const { t, language } = useStaffCasesTranslation();
  const format = useFormat();
  const state = stateAt(target, now);
  const label =
    state === 'due' || state === 'overdue'
      ? t(`response.${state}`, { time: formatDistance(distance(target.firstResponseDueAt, now), intlLocale(language)) })
      : t(`response.${state}`);
  const exact = target.firstRespondedAt
    ? t('response.answeredAt', { time: format.dateTime(target.firstRespondedAt) })
    : t('response.dueAt', { time: format.dateTime(target.firstResponseDueAt) });
  return (
    <>
      <Badge
        variant={state === 'overdue' ? 'filled' : 'light'}
        color={state === 'overdue' ? 'red.9' : COLORS[state]}
        styles={{ root: { textTransform: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}
        title={withTime ? undefined : exact}
      >
        {label}
      </Badge>
      {withTime && (
        <Text span size="xs" c="dimmed" display="block" mt={4}>
          <time dateTime={target.firstRespondedAt ?? target.firstResponseDueAt}>{exact}</time>
        </Text>
      )}
    </>
  );
}
