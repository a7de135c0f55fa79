import { Alert, Button, Checkbox, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { fieldMessageKeys } from '../../../lib/problem-message';
import { type AssigneeCandidate, useAssignees } from '../api/search-assignees';
import type { Assignee, Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

type Mode = 'user' | 'endUser';
const NAME_MAX = 200;
const EMAIL_MAX = 320;
// The server checks the address properly; this only catches typing slips before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const optionLabel = (user: { name: string | null; email: string | null }) => `${user.name ?? ''} (${user.email ?? ''})`;

/**
 * Assigns one key or many: to a portal user of the account, found by name or email through a
 * searchable select (the server searches; admins and key managers may), or to an end user by
 * name and email, optionally inviting them to the portal (`canInvite`: `me.abilities.manageUsers`).
 */
export function AssignForm({
  accountId,
  canInvite,
  initial = null,
  pending,
  error,
  onSubmit,
}: {
  accountId: string;
  canInvite: boolean;
  initial?: Key['assignedTo'];
  pending: boolean;
  error: unknown;
  onSubmit: (assignee: Exclude<Assignee, null>) => void;
}) {
  const { t, tApp, problem } = useKeysTranslation();
  const [mode, setMode] = useState<Mode>(initial?.userId ? 'user' : 'endUser');
  const [userId, setUserId] = useState(initial?.userId ?? '');
  const [chosen, setChosen] = useState<AssigneeCandidate | null>(
    initial?.userId ? { id: initial.userId, name: initial.name ?? '', email: initial.email ?? '' } : null,
  );
  const [search, setSearch] = useState('');
  // The select writes the chosen option's label into the search box: that is no new search.
  const typed = chosen && search === optionLabel(chosen) ? '' : search.trim();
  const [term] = useDebouncedValue(typed, 250);
  const users = useAssignees(accountId, term, mode === 'user');
  const [name, setName] = useState(initial?.userId ? '' : (initial?.name ?? ''));
  const [email, setEmail] = useState(initial?.userId ? '' : (initial?.email ?? ''));
  const [invite, setInvite] = useState(false);
  const [errors, setErrors] = useState<{ user?: string; name?: string; email?: string }>({});

  const serverFields = fieldMessageKeys(error, ['name', 'email', 'userId'] as const);
  const fieldError = (field: 'name' | 'email' | 'userId', local: string | undefined) => {
    const key = serverFields[field];
    return local ?? (key ? tApp(key) : undefined);
  };
  const generalError = error && Object.keys(serverFields).length === 0 ? problem(error) : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === 'user') {
      if (!userId) {
        setErrors({ user: t('assignment.userRequired') });
        return;
      }
      setErrors({});
      onSubmit({ userId });
      return;
    }
    const trimmedName = name.trim();
    const trimmedEmail = email.trim();
    const found: typeof errors = {};
    if (!trimmedName) found.name = t('assignment.nameRequired');
    if (!trimmedEmail) found.email = t('assignment.emailRequired');
    else if (!EMAIL_SHAPE.test(trimmedEmail)) found.email = t('assignment.emailInvalid');
    setErrors(found);
    if (found.name || found.email) return;
    onSubmit({ name: trimmedName, email: trimmedEmail, ...(canInvite && invite ? { inviteToPortal: true } : {}) });
  };

  const found = users.data ?? [];
  const userOptions = [...(chosen && !found.some((u) => u.id === chosen.id) ? [chosen] : []), ...found].map((user) => ({
    value: user.id,
    label: optionLabel(user),
  }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Radio.Group label={t('assignment.kind')} value={mode} onChange={(value) => setMode(value as Mode)}>
          <Group gap="lg" mt={4}>
            <Radio value="user" label={t('assignment.kinds.user')} />
            <Radio value="endUser" label={t('assignment.kinds.endUser')} />
          </Group>
        </Radio.Group>
        {mode === 'user' ? (
          <Select
            label={t('assignment.user')}
            description={t('assignment.userHint')}
            placeholder={t('assignment.chooseUser')}
            required
            searchable
            data={userOptions}
            value={userId || null}
            onChange={(value) => {
              setUserId(value ?? '');
              setChosen([...found, ...(chosen ? [chosen] : [])].find((user) => user.id === value) ?? null);
            }}
            searchValue={search}
            onSearchChange={setSearch}
            // The server has already filtered by name and email.
            filter={({ options }) => options}
            nothingFoundMessage={users.isFetching ? tApp('app.loading') : t('assignment.noUsers')}
            error={fieldError('userId', errors.user)}
            // In the dialog (or the page), not in a portal at the end of the body, outside every landmark.
            comboboxProps={{ withinPortal: false }}
          />
        ) : (
          <>
            <TextInput
              label={t('assignment.name')}
              required
              autoComplete="off"
              maxLength={NAME_MAX}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldError('name', errors.name)}
            />
            <TextInput
              label={t('assignment.email')}
              type="email"
              required
              autoComplete="off"
              maxLength={EMAIL_MAX}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldError('email', errors.email)}
            />
            {canInvite && (
              <Checkbox
                label={t('assignment.invite')}
                description={t('assignment.inviteHint')}
                checked={invite}
                onChange={(event) => setInvite(event.currentTarget.checked)}
              />
            )}
          </>
        )}
        {users.isError && mode === 'user' && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{problem(users.error)}</Text>
          </Alert>
        )}
        {generalError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{generalError}</Text>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={pending}>
            {t('assignment.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
