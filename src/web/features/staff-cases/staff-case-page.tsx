import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useMe } from '../../lib/me';
import { CaseFiles } from '../files/components/case-files';
import { type StaffCase, useStaffCase, useTimeline } from './api/staff-cases';
import { AccountCard } from './components/account-card';
import { SeverityBadge, StatusBadge } from './components/case-badges';
import { FactsCard } from './components/facts-card';
import { ManageCard } from './components/manage-card';
import { ReplyComposer } from './components/reply-composer';
import { Timeline } from './components/timeline';
import { useStaffCasesTranslation } from './i18n/register';
import classes from './staff-case-page.module.css';

/** Console → Fälle → one case: facts, timeline with internal notes, reply or note, assign, status, severity, account. */
export function StaffCasePage() {
  const me = useMe();
  const { caseId = '' } = useParams();
  if (!me.abilities.workCases) return <NotFound headingOrder={2} />;
  return <StaffCaseLoader key={caseId} caseId={caseId} userId={me.user.id} showKeys={me.abilities.viewStaffAccounts} />;
}

/** The queue's address with the filters the user came from (passed along by the list's links). */
function backTo(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? (state as { from: unknown }).from : '';
  return typeof from === 'string' && from.startsWith('?') ? `/console/cases${from}` : '/console/cases';
}

function StaffCaseLoader({ caseId, userId, showKeys }: { caseId: string; userId: string; showKeys: boolean }) {
  const { t, tApp, problem } = useStaffCasesTranslation();
  const back = backTo(useLocation().state);
  const kase = useStaffCase(caseId);
  useDocumentTitle(kase.data ? `${t('case.heading', { number: kase.data.number })}: ${kase.data.subject}` : t('title'), tApp('console.title'));

  const backLink = (
    <Anchor component={Link} to={back} size="sm" mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <ChevronLeftIcon size={16} aria-hidden="true" />
      {t('case.back')}
    </Anchor>
  );

  if (kase.isPending) return <PageLoader />;
  if (kase.isError && !kase.data) {
    return (
      <Stack gap="sm" align="flex-start">
        {backLink}
        {isApiError(kase.error) && kase.error.status === 404 ? (
          <Card withBorder>
            <Title order={2} size="h3" mb="xs">
              {tApp('notFound.title')}
            </Title>
            <Text size="sm">{problem(kase.error)}</Text>
          </Card>
        ) : (
          <QueryError error={kase.error} onRetry={() => void kase.refetch()} />
        )}
      </Stack>
    );
  }
  return (
    <>
      {backLink}
      <StaffCaseView kase={kase.data} userId={userId} showKeys={showKeys} onReload={() => kase.refetch()} />
    </>
  );
}

function StaffCaseView({ kase, userId, showKeys, onReload }: { kase: StaffCase; userId: string; showKeys: boolean; onReload: () => Promise<unknown> }) {
  const { t } = useStaffCasesTranslation();
  const timeline = useTimeline(kase.id);
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          <Text span inherit c="dimmed" ff="monospace" fw={500}>
            {t('case.heading', { number: kase.number })}
          </Text>{' '}
          {kase.subject}
        </Title>
        <Group gap="xs" mt="xs" wrap="wrap">
          <StatusBadge status={kase.status} />
          <SeverityBadge severity={kase.severity} />
          <Text size="sm" c="dimmed">
            {t(`types.${kase.type}`)} · {kase.account.name}
          </Text>
        </Group>
      </div>
      <div className={classes.layout}>
        <div className={classes.manage}>
          <ManageCard kase={kase} onReload={onReload} />
        </div>
        <div className={classes.main}>
          <FactsCard kase={kase} />
          <Card withBorder component="section" aria-labelledby="timeline-title">
            <Title order={2} size="h4" id="timeline-title" mb={4}>
              {t('timeline.title')}
            </Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('timeline.refreshing')}
            </Text>
            {timeline.isPending ? (
              <PageLoader />
            ) : timeline.isError && !timeline.data ? (
              <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
            ) : (
              <Timeline entries={timeline.data ?? []} />
            )}
          </Card>
          <CaseFiles scope="staff" caseId={kase.id} userId={userId} onUploaded={() => void timeline.refetch()} />
          <ReplyComposer caseId={kase.id} />
        </div>
        <div className={classes.account}>
          <AccountCard kase={kase} showKeys={showKeys} />
        </div>
      </div>
    </Stack>
  );
}
