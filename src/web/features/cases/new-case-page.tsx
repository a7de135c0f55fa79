import './i18n/register';
import { Alert, Anchor, Button, Card, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/document-title';
import { ChevronLeftIcon } from '../../components/icons';
import { NotFound } from '../../components/not-found';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/me';
import { NewCaseFiles, uploadNewCaseFiles } from '../files/components/new-case-files';
import { type NewCase, useCreateCase } from './api/case-mutations';
import { useFormOptions } from './api/get-form-options';
import { useCaseSummary } from './api/get-related-case';
import {
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_TYPES,
  type CaseCategory,
  type CaseSeverity,
  type CaseType,
  type FormKey,
  type FormOptions,
} from './api/types';
import { type CaseProblem, caseFieldProblems } from './case-problem';
import { CcPicker } from './components/cc-picker';
import { KeyPicker, useKeyLabel } from './components/key-picker';
import { SimilarCases } from './components/similar-cases';
import { useCasesTranslation } from './i18n/register';

const FIELDS = [
  'type',
  'subject',
  'description',
  'severity',
  'keyId',
  'productVersion',
  'operatingSystem',
  'category',
  'invoiceNumber',
  'ccUserIds',
  'relatedCaseId',
] as const;
type Field = (typeof FIELDS)[number];

/** Moves the focus to a field the user has to fix (its first control for a group of choices). */
function focusField(field: Field) {
  const element = document.getElementById(`case-${field}`);
  const control = element?.matches('input, select, textarea') ? element : element?.querySelector<HTMLElement>('input:not([disabled]), select, textarea');
  control?.focus();
}

/** Fall erstellen (`/cases/new`); `?related=<caseId>` opens a follow-up case that links the old one. */
export function NewCasePage() {
  const me = useMe();
  if (!me.areas.includes('cases') || !me.account || !me.abilities.createCases) return <NotFound />;
  return <NewCaseScreen accountId={me.account.id} userId={me.user.id} />;
}

function NewCaseScreen({ accountId, userId }: { accountId: string; userId: string }) {
  const { t, tApp } = useCasesTranslation();
  useDocumentTitle(t('new.title'), tApp('nav.cases'));
  const options = useFormOptions(accountId);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/cases" size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <ChevronLeftIcon size={16} />
          {t('case.back')}
        </Group>
      </Anchor>
      <Title order={1}>{t('new.title')}</Title>
      {options.isPending ? (
        <PageLoader />
      ) : options.isError ? (
        <QueryError error={options.error} onRetry={() => void options.refetch()} />
      ) : (
        <NewCaseForm accountId={accountId} userId={userId} options={options.data} />
      )}
    </Stack>
  );
}

function NewCaseForm({ accountId, userId, options }: { accountId: string; userId: string; options: FormOptions }) {
  const { t, tApp, problem, say } = useCasesTranslation();
  const navigate = useNavigate();
  const keyLabel = useKeyLabel();
  const [searchParams] = useSearchParams();
  const relatedCaseId = searchParams.get('related');
  const related = useCaseSummary(accountId, relatedCaseId);

  const [type, setType] = useState<CaseType>(searchParams.get('type') === 'customer_service' ? 'customer_service' : 'technical');
  const [keyId, setKeyId] = useState<string | null>(null);
  const [productVersion, setProductVersion] = useState('');
  const [operatingSystem, setOperatingSystem] = useState('');
  const [severity, setSeverity] = useState<CaseSeverity | null>(null);
  const [category, setCategory] = useState<CaseCategory | null>(null);
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [ccUserIds, setCcUserIds] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState<Partial<Record<Field, CaseProblem>>>({});
  const [debouncedSubject] = useDebouncedValue(subject.trim(), 350);
  // The version the key suggested last: replaced when another key is chosen, unless the user typed their own.
  const suggestedVersion = useRef('');
  const create = useCreateCase(accountId);

  // A follow-up case starts with the old one's type.
  useEffect(() => {
    if (related.data) setType(related.data.type);
  }, [related.data]);

  const people = options.people.filter((person) => person.userId !== userId);
  const chosenKey = options.keys.find((key) => key.id === keyId) ?? null;

  const chooseKey = (id: string) => {
    setKeyId(id);
    const key = options.keys.find((candidate) => candidate.id === id);
    const suggestion = key?.lastUsedVersion ?? '';
    if (productVersion === suggestedVersion.current) setProductVersion(suggestion);
    suggestedVersion.current = suggestion;
  };

  /** The one-click way out for a key without maintenance: a Kundendienst case about renewing it. */
  const renew = (key: FormKey) => {
    setType('customer_service');
    setCategory('licensing');
    setKeyId(key.id);
    if (!subject.trim()) setSubject(t('new.renewSubject', { key: keyLabel(key) }));
    setMissing({});
    create.reset();
  };

  const changeType = (next: CaseType) => {
    setType(next);
    // A Technischer Support case needs a key under maintenance; one chosen for Kundendienst may not be.
    if (next === 'technical' && chosenKey && !chosenKey.supportable) setKeyId(null);
    setMissing({});
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required: Partial<Record<Field, CaseProblem>> = {};
    const needed = { ns: 'translation', key: 'validation.required' } as const;
    if (!subject.trim()) required.subject = needed;
    if (!description.trim()) required.description = needed;
    if (type === 'technical' && !keyId) required.keyId = { ns: 'cases', key: 'errors.chooseKey' };
    if (type === 'technical' && !severity) required.severity = { ns: 'cases', key: 'errors.chooseSeverity' };
    if (type === 'customer_service' && !category) required.category = { ns: 'cases', key: 'errors.chooseCategory' };
    setMissing(required);
    if (Object.keys(required).length > 0) {
      focusField(Object.keys(required)[0] as Field);
      return;
    }
    const input: NewCase =
      type === 'technical'
        ? {
            type,
            subject: subject.trim(),
            description,
            severity: severity ?? undefined,
            keyId,
            productVersion: productVersion.trim() || null,
            operatingSystem: operatingSystem.trim() || null,
            ccUserIds,
          }
        : {
            type,
            subject: subject.trim(),
            description,
            category: category ?? undefined,
            keyId,
            invoiceNumber: invoiceNumber.trim() || null,
            ccUserIds,
          };
    if (relatedCaseId) input.relatedCaseId = relatedCaseId;
    create.mutate(input, {
      onSuccess: (created) => {
        // The uploads run outside this form, so they go on while the case page opens and shows them.
        uploadNewCaseFiles({ caseId: created.id, userId, files });
        void navigate(`/cases/${created.id}`, { state: { created: true } });
      },
    });
  };

  const fromServer = caseFieldProblems(create.error, FIELDS);
  const message = (field: Field) => {
    const found = missing[field] ?? fromServer[field];
    return found ? say(found) : undefined;
  };
  const shownAtField = Object.keys(fromServer).length > 0;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-case-title">
      <Stack gap="lg">
        {relatedCaseId && related.data && (
          <Alert color="indigo" variant="light">
            <Text size="sm">
              {t('new.followUpOf')}{' '}
              <Anchor component={Link} to={`/cases/${related.data.id}`} size="sm">
                {t('case.numberLabel', { number: related.data.number })}
              </Anchor>
            </Text>
          </Alert>
        )}
        <Card withBorder component="section" aria-labelledby="new-case-title">
          <Title order={2} size="h4" id="new-case-title" mb="sm">
            {t('new.typeTitle')}
          </Title>
          <Radio.Group label={t('fields.type')} value={type} onChange={(value) => changeType(value as CaseType)} withAsterisk>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt={6}>
              {CASE_TYPES.map((value) => (
                <Radio key={value} value={value} label={t(`type.${value}`)} description={t(`new.typeHints.${value}`)} />
              ))}
            </SimpleGrid>
          </Radio.Group>
        </Card>

        {type === 'technical' ? (
          <Card withBorder component="section" aria-labelledby="technical-title">
            <Title order={2} size="h4" id="technical-title" mb="sm">
              {t('new.technicalTitle')}
            </Title>
            <Stack gap="md">
              <div id="case-keyId">
                <KeyPicker keys={options.keys} value={keyId} onChange={chooseKey} onRenew={renew} error={message('keyId')} />
              </div>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput label={t('fields.product')} value={chosenKey ? chosenKey.product.name : ''} placeholder={t('new.productFromKey')} readOnly />
                <TextInput
                  id="case-productVersion"
                  label={t('fields.version')}
                  description={t('new.versionHint')}
                  value={productVersion}
                  onChange={(event) => setProductVersion(event.currentTarget.value)}
                  maxLength={50}
                  error={message('productVersion')}
                />
                <TextInput
                  id="case-operatingSystem"
                  label={t('fields.operatingSystem')}
                  description={t('new.osHint')}
                  value={operatingSystem}
                  onChange={(event) => setOperatingSystem(event.currentTarget.value)}
                  maxLength={100}
                  error={message('operatingSystem')}
                />
              </SimpleGrid>
              <div id="case-severity">
              <Radio.Group
                label={t('fields.severity')}
                value={severity ?? ''}
                onChange={(value) => setSeverity(value as CaseSeverity)}
                error={message('severity')}
                withAsterisk
              >
                <Stack gap="xs" mt={6}>
                  {CASE_SEVERITIES.map((value) => (
                    <Radio key={value} value={value} label={t(`severity.${value}.label`)} description={t(`severity.${value}.guidance`)} />
                  ))}
                </Stack>
              </Radio.Group>
              </div>
            </Stack>
          </Card>
        ) : (
          <Card withBorder component="section" aria-labelledby="service-title">
            <Title order={2} size="h4" id="service-title" mb="sm">
              {t('new.serviceTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelect
                id="case-category"
                label={t('fields.category')}
                value={category ?? ''}
                onChange={(event) => setCategory((event.currentTarget.value || null) as CaseCategory | null)}
                data={[{ value: '', label: t('new.chooseCategoryOption') }, ...CASE_CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))]}
                error={message('category')}
                withAsterisk
              />
              <TextInput
                id="case-invoiceNumber"
                label={t('fields.invoiceNumber')}
                description={t('new.optional')}
                value={invoiceNumber}
                onChange={(event) => setInvoiceNumber(event.currentTarget.value)}
                maxLength={40}
                error={message('invoiceNumber')}
              />
              <NativeSelect
                id="case-keyId"
                label={t('fields.key')}
                description={t('new.optional')}
                value={keyId ?? ''}
                onChange={(event) => setKeyId(event.currentTarget.value || null)}
                data={[{ value: '', label: t('new.noKey') }, ...options.keys.map((key) => ({ value: key.id, label: keyLabel(key) }))]}
                error={message('keyId')}
              />
            </SimpleGrid>
          </Card>
        )}

        <Card withBorder component="section" aria-labelledby="describe-title">
          <Title order={2} size="h4" id="describe-title" mb="sm">
            {t('new.describeTitle')}
          </Title>
          <Stack gap="md">
            <Stack gap="xs">
            <TextInput
              id="case-subject"
              label={t('fields.subject')}
              description={t('new.subjectHint')}
              value={subject}
              onChange={(event) => setSubject(event.currentTarget.value)}
              maxLength={200}
              error={message('subject')}
              withAsterisk
            />
            <SimilarCases accountId={accountId} subject={debouncedSubject} />
            </Stack>
            <Textarea
              id="case-description"
              label={t('fields.description')}
              description={t('new.descriptionHint')}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              autosize
              minRows={6}
              maxRows={20}
              maxLength={20000}
              error={message('description')}
              withAsterisk
            />
            <div id="case-ccUserIds">
              <CcPicker people={people} value={ccUserIds} onChange={setCcUserIds} error={message('ccUserIds')} />
            </div>
          </Stack>
        </Card>

        <NewCaseFiles files={files} onChange={setFiles} />

        {create.isError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{shownAtField ? tApp('errors.validation') : problem(create.error)}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button component={Link} to="/cases" variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('new.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
