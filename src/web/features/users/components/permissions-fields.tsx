import { Checkbox, NativeSelect, Stack, Text } from '@mantine/core';
import type { CustomerRole } from '../../../lib/me';
import { type AccountKeyGroup, type Permissions, USER_ROLES } from '../api/users';
import { useUsersTranslation } from '../i18n/register';

const FLAGS = ['caseAdmin', 'billing', 'downloads'] as const;

/** Role, key groups (only for key managers, the only role that manages them) and the three flags. */
export function PermissionsFields({
  value,
  keyGroups,
  onChange,
}: {
  value: Permissions;
  keyGroups: AccountKeyGroup[] | undefined;
  onChange: (value: Permissions) => void;
}) {
  const { t, tApp } = useUsersTranslation();
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('users.role')}
        value={value.role}
        onChange={(event) => {
          const role = event.currentTarget.value as CustomerRole;
          onChange({ ...value, role, keyGroupIds: role === 'key_manager' ? value.keyGroupIds : [] });
        }}
        data={USER_ROLES.map((role) => ({ value: role, label: tApp(`roles.customer.${role}`) }))}
      />
      {value.role === 'key_manager' &&
        (keyGroups && keyGroups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('users.noKeyGroups')}
          </Text>
        ) : (
          <Checkbox.Group
            label={t('users.keyGroups')}
            description={t('users.keyGroupsHint')}
            value={value.keyGroupIds}
            onChange={(keyGroupIds) => onChange({ ...value, keyGroupIds })}
          >
            <Stack gap={6} mt={6}>
              {(keyGroups ?? []).map((group) => (
                <Checkbox key={group.id} value={group.id} label={group.name} />
              ))}
            </Stack>
          </Checkbox.Group>
        ))}
      {FLAGS.map((flag) => (
        <Checkbox
          key={flag}
          label={t(`users.flags.${flag}`)}
          description={t(`users.flagHints.${flag}`)}
          checked={value[flag]}
          onChange={(event) => onChange({ ...value, [flag]: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}
