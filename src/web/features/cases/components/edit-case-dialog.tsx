import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { useUpdateCase } from '../api/case-mutations';
import { caseQueryOptions } from '../api/get-case';
import { CASE_SEVERITIES, type Case, type CaseSeverity, type FormOptions } from '../api/types';
import { type ChangedField, changedFields, type Draft, draftOf, patchOf, rebase } from '../case-changes';
import { caseFieldProblems } from '../case-problem';
import { useCasesTranslation } from '../i18n/register';
import { CcPicker } from './cc-picker';
import { Dialog } from './dialog';
import { useKeyLabel } from './key-picker';

const FIELDS = ['severity', 'contactUserId', 'ccUserIds', 'keyId', 'description'] as const;

/**
 * Bearbeiten: severity, contact, CCs, related key and description, saved with the version the user
 * started from (If-Match). When someone else changed the case meanwhile (412), the dialog loads the
 * case again, names what changed and keeps the user's input; saving again applies it on top.
 */
export function EditCaseDialog({
  accountId,
  kase,
  options,
  opened,
  onClose,
  onSaved,
}: {
  accountId: string;
  kase: Case;
  options: FormOptions | undefined;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useCasesTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('edit.title', { number: kase.number })} size="lg">
      {/* Mounted afresh on every opening: the form starts from the case as shown now. */}
      {opened && <EditForm accountId={accountId} kase={kase} options={options} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditForm({
  accountId,
  kase,
  options,
  onClose,
  onSaved,
}: {
  accountId: string;
  kase: Case;
  options: FormOptions | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tApp, problem, say } = useCasesTranslation();
  const keyLabel = useKeyLabel();
  const queryClient = useQueryClient();
  const update = useUpdateCase(accountId);
  // The case as the user's edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState<Case>(kase);
  const [draft, setDraft] = useState<Draft>(() => draftOf(kase));
  const [conflict, setConflict] = useState<{ fields: ChangedField[]; current: Case } | null>(null);
  const [loadingCurrent, setLoadingCurrent] = useState(false);

  const people = options?.people ?? [...new Map([kase.contact, ...kase.ccs].map((p) => [p.userId, p])).values()];
  const peopleWithContact = people.some((p) => p.userId === draft.contactUserId) ? people : [kase.contact, ...people];
  // Technischer Support: a key under maintenance (or the one it has); Kundendienst: any key, or none.
  const keys = (options?.keys ?? []).filter((key) => kase.type === 'customer_service' || key.supportable || key.id === base.key?.id);
  const keyChoices = [
    ...(kase.type === 'customer_service' ? [{ value: '', label: t('new.noKey') }] : []),
    ...keys.map((key) => ({ value: key.id, label: keyLabel(key) })),
  ];
  if (draft.keyId && !keys.some((key) => key.id === draft.keyId) && base.key) {
    keyChoices.push({ value: base.key.id, label: t('key.tailOnly', { tail: base.key.licenseKeyTail }) });
  }

  const save = async () => {
    const patch = patchOf(base, draft);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { caseId: base.id, version: base.version, patch },
      {
        onSuccess: () => onSaved(),
        onError: async (error) => {
          if (!isApiError(error) || error.status !== 412) return;
          setLoadingCurrent(true);
          try {
            const current = await queryClient.fetchQuery({ ...caseQueryOptions(accountId, base.id), staleTime: 0 });
            setConflict({ fields: changedFields(base, current), current });
            setDraft((mine) => rebase(mine, base, current));
            setBase(current);
          } finally {
            setLoadingCurrent(false);
          }
        },
      },
    );
  };

  const stale = isApiError(update.error) && update.error.status === 412;
  const fieldProblems = stale ? {} : caseFieldProblems(update.error, FIELDS);
  const fieldError = (field: (typeof FIELDS)[number]) => {
    const found = fieldProblems[field];
    return found ? say(found) : undefined;
  };
  const shownValue = (field: ChangedField, c: Case): string => {
    switch (field) {
      case 'status':
        return t(`status.${c.status}`);
      case 'severity':
        return t(`severity.${c.severity}.label`);
      case 'contact':
        return c.contact.name;
      case 'ccs':
        return c.ccs.length ? c.ccs.map((p) => p.name).join(', ') : t('case.noCcs');
      case 'key':
        return c.key ? t('key.tailOnly', { tail: c.key.licenseKeyTail }) : t('new.noKey');
      case 'description':
        return t('edit.descriptionChanged');
    }
  };
  const canSave = base.abilities.edit;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="md">
        {conflict && (
          <Alert color="yellow" variant="light" role="alert" title={t('edit.conflictTitle')}>
            <Stack gap={6}>
              <Text size="sm">{t('errors.changedMeanwhile')}</Text>
              {conflict.fields.length > 0 ? (
                <>
                  <Text size="sm">{t('edit.conflictChanged')}</Text>
                  <Stack component="ul" gap={2} m={0} pl="md">
                    {conflict.fields.map((field) => (
                      <Text component="li" size="sm" key={field}>
                        {t('edit.conflictField', { field: t(`edit.fields.${field}`), value: shownValue(field, conflict.current) })}
                      </Text>
                    ))}
                  </Stack>
                </>
              ) : null}
              <Text size="sm">{canSave ? t('edit.conflictKept') : t('edit.conflictClosed')}</Text>
            </Stack>
          </Alert>
        )}
        <NativeSelect
          label={t('fields.severity')}
          value={draft.severity}
          onChange={(event) => setDraft({ ...draft, severity: event.currentTarget.value as CaseSeverity })}
          data={CASE_SEVERITIES.map((value) => ({ value, label: t(`severity.${value}.label`) }))}
          description={t(`severity.${draft.severity}.guidance`)}
          error={fieldError('severity')}
        />
        <NativeSelect
          label={t('fields.contact')}
          value={draft.contactUserId}
          onChange={(event) => setDraft({ ...draft, contactUserId: event.currentTarget.value })}
          data={peopleWithContact.map((p) => ({ value: p.userId, label: `${p.name} (${p.email})` }))}
          error={fieldError('contactUserId')}
        />
        <CcPicker
          people={people.filter((p) => p.userId !== draft.contactUserId)}
          value={draft.ccUserIds}
          onChange={(ccUserIds) => setDraft({ ...draft, ccUserIds })}
          error={fieldError('ccUserIds')}
        />
        <NativeSelect
          label={t('fields.key')}
          value={draft.keyId ?? ''}
          onChange={(event) => setDraft({ ...draft, keyId: event.currentTarget.value || null })}
          data={keyChoices}
          description={kase.type === 'technical' ? t('edit.keyHint') : undefined}
          error={fieldError('keyId')}
        />
        <Textarea
          label={t('fields.description')}
          description={t('new.descriptionHint')}
          value={draft.description}
          onChange={(event) => setDraft({ ...draft, description: event.currentTarget.value })}
          autosize
          minRows={5}
          maxRows={14}
          maxLength={20000}
          error={fieldError('description')}
        />
        {update.isError && !stale && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{Object.keys(fieldProblems).length ? tApp('errors.validation') : problem(update.error)}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending || loadingCurrent} disabled={!canSave}>
            {conflict ? t('edit.saveAnyway') : tApp('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
