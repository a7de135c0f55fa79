import { Alert, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useMe } from '../../../lib/me';
import { type StaffCase, type StaffCasePatch, useAgents, useUpdateStaffCase } from '../api/staff-cases';
import { CASE_SEVERITIES, CASE_STATUSES, type CaseSeverity, type CaseStatus } from '../case-filters';
import { useStaffCasesTranslation } from '../i18n/register';
import { isStale } from '../staff-cases-problem';
import { ResponseBadge } from './response-badge';
import { StatusLine } from './status-line';
import { useNow } from './use-now';

type Values = { assignee: string; status: CaseStatus; severity: CaseSeverity };

const valuesOf = (c: StaffCase): Values => ({ assignee: c.assignedTo?.userId ?? '', status: c.status, severity: c.severity });
const same = (a: Values, b: Values) => a.assignee === b.assignee && a.status === b.status && a.severity === b.severity;

/**
 * Zuweisen, Status, Schweregrad. Every change names the version the form started from (If-Match);
 * when someone else changed the case meanwhile (412), the current case is loaded and the card says so.
 */
export function ManageCard({ kase, onReload }: { kase: StaffCase; onReload: () => Promise<unknown> }) {
  const { t, problem } = useStaffCasesTranslation();
  const me = useMe();
  const now = useNow();
  const agents = useAgents();
  const update = useUpdateStaffCase();
  // The case the form was filled from: its version goes out as If-Match.
  const [base, setBase] = useState(kase);
  const [values, setValues] = useState(() => valuesOf(kase));
  const [done, setDone] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const dirty = !same(values, valuesOf(base));

  // A newer case from polling or from a save replaces an untouched form; edits in progress stay,
  // and saving them then answers 412, which reloads and says so.
  useEffect(() => {
    if (kase.version === base.version || dirty) return;
    setBase(kase);
    setValues(valuesOf(kase));
  }, [kase, base.version, dirty]);

  const save = (patch: StaffCasePatch, message: string) => {
    setDone(null);
    setStale(false);
    update.mutate(
      { caseId: base.id, version: base.version, patch },
      {
        onSuccess: (updated) => {
          setBase(updated);
          setValues(valuesOf(updated));
          setDone(message);
        },
        onError: async (error) => {
          if (!isStale(error)) return;
          setStale(true);
          await onReload();
        },
      },
    );
  };

  // After a 412 the reload brings a newer case: start the form again from it.
  useEffect(() => {
    if (!stale || kase.version === base.version) return;
    setBase(kase);
    setValues(valuesOf(kase));
  }, [stale, kase, base.version]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = valuesOf(base);
    const patch: StaffCasePatch = {};
    if (values.assignee !== before.assignee) patch.assignedUserId = values.assignee || null;
    if (values.status !== before.status) patch.status = values.status;
    if (values.severity !== before.severity) patch.severity = values.severity;
    if (Object.keys(patch).length === 0) return setDone(t('manage.unchanged'));
    save(patch, t('manage.saved'));
  };

  const agentOptions = (agents.data ?? []).map((agent) => ({ value: agent.userId, label: agent.name }));
  // The current assignee stays selectable even if the agent list has not loaded or no longer lists them.
  if (base.assignedTo && !agentOptions.some((option) => option.value === base.assignedTo?.userId)) {
    agentOptions.push({ value: base.assignedTo.userId, label: base.assignedTo.name });
  }
  const assignedToMe = base.assignedTo?.userId === me.user.id;

  return (
    <Card withBorder component="section" aria-labelledby="manage-title">
      <Title order={2} size="h4" id="manage-title" mb="sm">
        {t('manage.title')}
      </Title>
      <Stack gap="sm">
        <div>
          <Text size="sm" c="dimmed" mb={4}>
            {t('case.firstResponse')}
          </Text>
          <ResponseBadge target={kase} now={now} withTime />
        </div>
        {stale && (
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm">{t('manage.stale')}</Text>
          </Alert>
        )}
        {!assignedToMe && (
          <Group>
            <Button variant="light" loading={update.isPending && update.variables?.patch.assignedUserId === me.user.id} onClick={() => save({ assignedUserId: me.user.id }, t('manage.assignedToMe'))}>
              {t('manage.assignToMe')}
            </Button>
          </Group>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <NativeSelect
              label={t('manage.assignee')}
              value={values.assignee}
              onChange={(event) => setValues({ ...values, assignee: event.currentTarget.value })}
              data={[{ value: '', label: t('manage.unassigned') }, ...agentOptions]}
            />
            <NativeSelect
              label={t('manage.status')}
              value={values.status}
              onChange={(event) => setValues({ ...values, status: event.currentTarget.value as CaseStatus })}
              data={CASE_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
            />
            <NativeSelect
              label={t('manage.severity')}
              value={values.severity}
              onChange={(event) => setValues({ ...values, severity: event.currentTarget.value as CaseSeverity })}
              data={CASE_SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            />
            {update.isError && !isStale(update.error) && (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {problem(update.error)}
              </Text>
            )}
            <StatusLine>{done}</StatusLine>
            <Group>
              <Button type="submit" loading={update.isPending && update.variables?.patch.assignedUserId !== me.user.id}>
                {t('manage.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
