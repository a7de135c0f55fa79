import './i18n/register';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { DefinitionList } from '../../components/definition-list';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/me';
import { CaseFiles } from '../files/components/case-files';
import { useChangeCaseStatus } from './api/case-mutations';
import { useCase, useTimeline } from './api/get-case';
import { useFormOptions } from './api/get-form-options';
import type { Case } from './api/types';
import { MaintenanceBadge, SeverityBadge, StatusBadge } from './components/case-badges';
import type { CaseLinkState } from './components/cases-table';
import { CommentForm } from './components/comment-form';
import { EditCaseDialog } from './components/edit-case-dialog';
import { MarkdownBody } from './components/markdown-body';
import { StatusText } from './components/status-text';
import { Timeline } from './components/timeline';
import { useCasesTranslation } from './i18n/register';

/** One case (`/cases/:caseId`): its facts, description, timeline, Kommentar hinzufügen and actions. */
export function CasePage() {
  const me = useMe();
  const { caseId = '' } = useParams();
  if (!me.areas.includes('cases') || !me.account) return <NotFound />;
  return <CaseDetail accountId={me.account.id} caseId={caseId} />;
}

function BackLink() {
  const { t } = useCasesTranslation();
  const state = useLocation().state as Partial<CaseLinkState> | null;
  const search = typeof state?.listSearch === 'string' && state.listSearch ? `?${state.listSearch}` : '';
  return (
    <Anchor component={Link} to={`/cases${search}`} size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <ChevronLeftIcon size={16} />
        {t('case.back')}
      </Group>
    </Anchor>
  );
}

function CaseDetail({ accountId, caseId }: { accountId: string; caseId: string }) {
  const { t, tApp } = useCasesTranslation();
  const kase = useCase(accountId, caseId);
  useDocumentTitle(kase.data ? t('case.documentTitle', { number: kase.data.number }) : t('case.title'), tApp('nav.cases'));

  if (kase.isPending) return <PageLoader />;
  if (kase.isError && !kase.data) {
    if (isApiError(kase.error) && kase.error.status === 404) return <NotFound />;
    return (
      <Stack gap="md">
        <BackLink />
        <QueryError error={kase.error} onRetry={() => void kase.refetch()} />
      </Stack>
    );
  }
  return <CaseView accountId={accountId} kase={kase.data} />;
}

function CaseView({ accountId, kase }: { accountId: string; kase: Case }) {
  const { t, tApp, problem } = useCasesTranslation();
  const me = useMe();
  const format = useFormat();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const timeline = useTimeline(accountId, kase.id);
  const options = useFormOptions(accountId);
  const statusChange = useChangeCaseStatus(accountId);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>(created ? t('case.created') : null);
  const none = tApp('common.none');
  const expired = isApiError(statusChange.error) && statusChange.error.code === 'case.reopen_expired';

  const act = (action: 'solve' | 'reopen') => {
    setStatus(null);
    statusChange.mutate(
      { caseId: kase.id, action },
      { onSuccess: () => setStatus(action === 'solve' ? t('case.solvedDone') : t('case.reopenedDone')) },
    );
  };

  const followUp = (
    <Button component={Link} to={`/cases/new?related=${encodeURIComponent(kase.id)}`} variant="default">
      {t('case.followUp')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <BackLink />
      <Card withBorder component="section" aria-labelledby="case-title">
        <Stack gap="sm">
          <div>
            <Text size="sm" c="dimmed" ff="monospace">
              {t('case.numberLabel', { number: kase.number })}
            </Text>
            <Title order={1} id="case-title" style={{ overflowWrap: 'anywhere' }}>
              {kase.subject}
            </Title>
          </div>
          <Group gap="xs">
            <StatusBadge status={kase.status} />
            <SeverityBadge severity={kase.severity} />
            <Badge variant="outline" color="gray" styles={{ label: { overflow: 'visible' } }}>
              {t(`type.${kase.type}`)}
            </Badge>
          </Group>
          <Group gap="sm">
            {kase.abilities.edit && <Button onClick={() => setEditing(true)}>{t('case.edit')}</Button>}
            {kase.abilities.solve && (
              <Button variant="default" loading={statusChange.isPending && statusChange.variables?.action === 'solve'} onClick={() => act('solve')}>
                {t('case.solve')}
              </Button>
            )}
            {kase.abilities.reopen && (
              <Button variant="default" loading={statusChange.isPending && statusChange.variables?.action === 'reopen'} onClick={() => act('reopen')}>
                {t('case.reopen')}
              </Button>
            )}
            {(kase.abilities.followUp || expired) && followUp}
          </Group>
          {kase.abilities.reopen && kase.reopenUntil && (
            <Text size="sm" c="dimmed">
              {t('case.reopenUntil', { date: format.dateTime(kase.reopenUntil) })}
            </Text>
          )}
          {kase.abilities.followUp && (
            <Text size="sm" c="dimmed">
              {kase.status === 'closed' ? t('case.followUpHintClosed') : t('case.followUpHint')}
            </Text>
          )}
          {statusChange.isError && (
            <Alert color={expired ? 'yellow' : 'red'} variant="light" role="alert">
              <Text size="sm">{problem(statusChange.error)}</Text>
            </Alert>
          )}
          <StatusText>{status}</StatusText>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="details-title">
        <Title order={2} size="h4" id="details-title" mb="sm">
          {t('case.details')}
        </Title>
        <DefinitionList
          items={[
            {
              term: t('fields.type'),
              value: kase.category ? `${t(`type.${kase.type}`)} · ${t(`category.${kase.category}`)}` : t(`type.${kase.type}`),
            },
            { term: t('fields.product'), value: kase.product?.name ?? none },
            {
              term: t('fields.version'),
              value: (
                <>
                  {kase.productVersion ?? none}
                  {kase.latestVersion && kase.latestVersion !== kase.productVersion && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      {t('case.latestVersion', { version: kase.latestVersion })}
                    </Text>
                  )}
                </>
              ),
            },
            ...(kase.type === 'technical' ? [{ term: t('fields.operatingSystem'), value: kase.operatingSystem ?? none }] : []),
            {
              term: t('fields.key'),
              value: kase.key ? (
                <Group gap="xs" component="span">
                  <Anchor component={Link} to={`/keys/${kase.key.id}`} size="sm">
                    {t('key.tailOnly', { tail: kase.key.licenseKeyTail })}
                  </Anchor>
                  <MaintenanceBadge status={kase.key.maintenanceStatus} />
                  {kase.key.maintenanceEnd && (
                    <Text span size="sm" c="dimmed">
                      {t('key.maintenanceUntil', { date: format.date(kase.key.maintenanceEnd) })}
                    </Text>
                  )}
                </Group>
              ) : (
                none
              ),
            },
            ...(kase.type === 'customer_service' ? [{ term: t('fields.invoiceNumber'), value: kase.invoiceNumber ?? none }] : []),
            { term: t('fields.contact'), value: `${kase.contact.name} (${kase.contact.email})` },
            { term: t('fields.ccs'), value: kase.ccs.length ? kase.ccs.map((p) => p.name).join(', ') : t('case.noCcs') },
            { term: t('case.supportAgent'), value: kase.supportAgent ?? t('case.notAssigned') },
            {
              term: t('case.opened'),
              value: t('case.openedBy', { date: format.dateTime(kase.createdAt), name: kase.createdBy.name }),
            },
            { term: t('list.columns.lastActivity'), value: format.dateTime(kase.lastActivityAt) },
            ...(kase.solvedAt ? [{ term: t('case.solvedAt'), value: format.dateTime(kase.solvedAt) }] : []),
            ...(kase.closedAt ? [{ term: t('case.closedAt'), value: format.dateTime(kase.closedAt) }] : []),
            ...(kase.relatedCase
              ? [
                  {
                    term: t('case.related'),
                    value: (
                      <Anchor component={Link} to={`/cases/${kase.relatedCase.id}`} size="sm">
                        {t('case.numberLabel', { number: kase.relatedCase.number })}
                      </Anchor>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="description-title">
        <Title order={2} size="h4" id="description-title" mb="sm">
          {t('fields.description')}
        </Title>
        <MarkdownBody html={kase.descriptionHtml} />
      </Card>

      <CaseFiles scope="customer" caseId={kase.id} userId={me.user.id} onUploaded={() => void timeline.refetch()} />

      <Card withBorder component="section" aria-labelledby="timeline-title">
        <Title order={2} size="h4" id="timeline-title" mb="sm">
          {t('timeline.title')}
        </Title>
        {timeline.isPending ? (
          <PageLoader />
        ) : timeline.isError && !timeline.data ? (
          <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
        ) : (
          <Timeline entries={timeline.data} />
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="comment-title">
        <Title order={2} size="h4" id="comment-title" mb="sm">
          {t('comment.title')}
        </Title>
        {kase.abilities.comment ? (
          <CommentForm accountId={accountId} caseId={kase.id} />
        ) : (
          <Text size="sm">
            {kase.abilities.reopen ? t('comment.closedReopen') : kase.status === 'solved' || kase.status === 'closed' ? t('comment.closedFollowUp') : t('comment.notAllowed')}
          </Text>
        )}
      </Card>

      <EditCaseDialog
        accountId={accountId}
        kase={kase}
        options={options.data}
        opened={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setStatus(t('edit.saved'));
        }}
      />
    </Stack>
  );
}
