import { Alert, Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useProducts } from '../api/products';
import type { AccountChoice } from '../../../components/account-select';
import { useAccountKeyGroups, useIssueKeys } from '../api/staff-keys';
import { useStaffKeysTranslation } from '../i18n/register';
import { AccountSelect } from '../../../components/account-select';
import { Dialog } from './dialog';

type Term = 'perpetual' | 'subscription';
const LIMITS = { count: [1, 500], seats: [1, 100_000] } as const;

/** A date field's day as an instant: the start of the day, or its last millisecond for an end (UTC). */
const dayStart = (day: string) => (day ? `${day}T00:00:00.000Z` : null);
const dayEnd = (day: string) => (day ? `${day}T23:59:59.999Z` : null);

function wholeNumber(value: string, [min, max]: readonly [number, number]): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

/**
 * Issues one or many keys to an account: product and edition, seats, term, maintenance dates and
 * an optional key group of that account.
 */
export function IssueDialog({
  opened,
  onClose,
  initialAccount,
  onIssued,
}: {
  opened: boolean;
  onClose: () => void;
  initialAccount: AccountChoice | null;
  onIssued: (message: string, account: AccountChoice) => void;
}) {
  const { t, tApp, problem } = useStaffKeysTranslation();
  const products = useProducts();
  const issue = useIssueKeys();
  const [account, setAccount] = useState<AccountChoice | null>(initialAccount);
  const [productId, setProductId] = useState('');
  const [editionId, setEditionId] = useState('');
  const [keyGroupId, setKeyGroupId] = useState('');
  const [count, setCount] = useState('1');
  const [seats, setSeats] = useState('1');
  const [term, setTerm] = useState<Term>('perpetual');
  const [validUntil, setValidUntil] = useState('');
  const [maintenanceStart, setMaintenanceStart] = useState(() => new Date().toISOString().slice(0, 10));
  const [maintenanceEnd, setMaintenanceEnd] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'account' | 'product' | 'count' | 'seats' | 'validUntil' | 'maintenanceEnd', string>>>({});
  const groups = useAccountKeyGroups(account?.id ?? '');
  // A field's message goes as soon as the field is changed; the next submit checks again.
  const clear = (field: keyof typeof errors) => setErrors((current) => ({ ...current, [field]: undefined }));
  const product = products.data?.find((p) => p.id === productId);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    const n = wholeNumber(count, LIMITS.count);
    const s = wholeNumber(seats, LIMITS.seats);
    if (!account) found.account = t('issue.accountRequired');
    if (!productId) found.product = t('issue.productRequired');
    if (n === null) found.count = t('issue.numberRange', { min: LIMITS.count[0], max: LIMITS.count[1] });
    if (s === null) found.seats = t('issue.numberRange', { min: LIMITS.seats[0], max: LIMITS.seats[1] });
    if (term === 'subscription' && !validUntil) found.validUntil = t('issue.validUntilRequired');
    if (maintenanceStart && maintenanceEnd && maintenanceEnd < maintenanceStart) found.maintenanceEnd = t('issue.endBeforeStart');
    setErrors(found);
    if (Object.keys(found).length || !account || n === null || s === null) return;
    issue.mutate(
      {
        accountId: account.id,
        productId,
        editionId: editionId || null,
        keyGroupId: keyGroupId || null,
        count: n,
        seats: s,
        term,
        validUntil: term === 'subscription' ? dayEnd(validUntil) : null,
        maintenanceStart: dayStart(maintenanceStart),
        maintenanceEnd: dayEnd(maintenanceEnd),
      },
      { onSuccess: ({ keyIds }) => onIssued(t('issue.issued', { count: keyIds.length, account: account.name }), account) },
    );
  };

  return (
    <Dialog opened={opened} onClose={onClose} title={t('issue.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <AccountSelect
            label={t('issue.account')}
            required
            value={account?.id ?? ''}
            initial={initialAccount}
            onChange={(next) => {
              setAccount(next);
              setKeyGroupId('');
              clear('account');
            }}
            error={errors.account}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('issue.product')}
              required
              data={[
                { value: '', label: products.isPending ? tApp('app.loading') : t('issue.chooseProduct'), disabled: true },
                ...(products.data ?? []).map((p) => ({ value: p.id, label: p.name })),
              ]}
              value={productId}
              onChange={(e) => {
                setProductId(e.currentTarget.value);
                setEditionId('');
                clear('product');
              }}
              error={errors.product}
            />
            <NativeSelect
              label={t('issue.edition')}
              data={[{ value: '', label: t('issue.noEdition') }, ...(product?.editions ?? []).map((e) => ({ value: e.id, label: e.name }))]}
              value={editionId}
              onChange={(e) => setEditionId(e.currentTarget.value)}
              disabled={!product || product.editions.length === 0}
            />
            <TextInput
              label={t('issue.count')}
              inputMode="numeric"
              required
              value={count}
              onChange={(e) => {
                setCount(e.currentTarget.value);
                clear('count');
              }}
              error={errors.count}
            />
            <TextInput
              label={t('issue.seats')}
              inputMode="numeric"
              required
              value={seats}
              onChange={(e) => {
                setSeats(e.currentTarget.value);
                clear('seats');
              }}
              error={errors.seats}
            />
          </SimpleGrid>
          <Radio.Group label={t('issue.term')} value={term} onChange={(value) => setTerm(value as Term)}>
            <Group gap="lg" mt={4}>
              <Radio value="perpetual" label={t('issue.terms.perpetual')} />
              <Radio value="subscription" label={t('issue.terms.subscription')} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {term === 'subscription' && (
              <TextInput
                type="date"
                label={t('issue.validUntil')}
                required
                value={validUntil}
                onChange={(e) => {
                  setValidUntil(e.currentTarget.value);
                  clear('validUntil');
                }}
                error={errors.validUntil}
              />
            )}
            <TextInput
              type="date"
              label={t('issue.maintenanceStart')}
              value={maintenanceStart}
              onChange={(e) => {
                setMaintenanceStart(e.currentTarget.value);
                clear('maintenanceEnd');
              }}
            />
            <TextInput
              type="date"
              label={t('issue.maintenanceEnd')}
              value={maintenanceEnd}
              onChange={(e) => {
                setMaintenanceEnd(e.currentTarget.value);
                clear('maintenanceEnd');
              }}
              error={errors.maintenanceEnd}
            />
            <NativeSelect
              label={t('issue.keyGroup')}
              data={[{ value: '', label: t('issue.noKeyGroup') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
              value={keyGroupId}
              onChange={(e) => setKeyGroupId(e.currentTarget.value)}
              disabled={!account || (groups.data ?? []).length === 0}
            />
          </SimpleGrid>
          {(issue.error || products.error) && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{problem(issue.error ?? products.error)}</Text>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={issue.isPending}>
              {t('issue.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
