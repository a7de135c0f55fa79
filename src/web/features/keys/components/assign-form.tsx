import { Alert, Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldMessageKeys } from '../../../lib/problem-message';
import { useAssignableUsers } from '../api/get-assignable-users';
import type { Assignee, Key } from '../api/types';
import { useKeysTranslation } from '../i18n/register';

type Mode = 'user' | 'endUser';
const NAME_MAX = 200;
const EMAIL_MAX = 320;
// The server checks the address properly; this only catches typing slips before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Assigns one key or many: to a portal user of the account (the user list is for admins, so
 * `canPickUser` comes from `me.abilities.manageUsers`) or to an end user by name and email,
 * optionally inviting them to the portal (admins too).
 */
export function AssignForm({
  accountId,
  canPickUser,
  initial = null,
  pending,
  error,
  onSubmit,
}: {
  accountId: string;
  canPickUser: boolean;
  initial?: Key['assignedTo'];
  pending: boolean;
  error: unknown;
  onSubmit: (assignee: Exclude<Assignee, null>) => void;
}) {
  const { t, tApp, problem } = useKeysTranslation();
  const users = useAssignableUsers(accountId, canPickUser);
  const [mode, setMode] = useState<Mode>(canPickUser && initial?.userId ? 'user' : 'endUser');
  const [userId, setUserId] = useState(initial?.userId ?? '');
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
    onSubmit({ name: trimmedName, email: trimmedEmail, ...(canPickUser && invite ? { inviteToPortal: true } : {}) });
  };

  const userOptions = [
    { value: '', label: users.isPending ? tApp('app.loading') : t('assignment.chooseUser'), disabled: true },
    ...(users.data ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {canPickUser && (
          <Radio.Group label={t('assignment.kind')} value={mode} onChange={(value) => setMode(value as Mode)}>
            <Group gap="lg" mt={4}>
              <Radio value="user" label={t('assignment.kinds.user')} />
              <Radio value="endUser" label={t('assignment.kinds.endUser')} />
            </Group>
          </Radio.Group>
        )}
        {mode === 'user' ? (
          <NativeSelect
            label={t('assignment.user')}
            required
            data={userOptions}
            value={userId}
            onChange={(event) => setUserId(event.currentTarget.value)}
            error={fieldError('userId', errors.user)}
            disabled={users.isPending}
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
            {canPickUser && (
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
