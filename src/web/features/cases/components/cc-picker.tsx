import { Checkbox, Stack, Text } from '@mantine/core';
import type { Person } from '../api/types';
import { useCasesTranslation } from '../i18n/register';

/**
 * The people of the account who should follow the case (by mail too). A list of checkboxes: an
 * account has a handful of portal users, and each is seen with name and address at once.
 */
export function CcPicker({
  people,
  value,
  onChange,
  error,
}: {
  people: Person[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useCasesTranslation();
  return (
    <Checkbox.Group label={t('fields.ccs')} description={t('new.ccsHint')} value={value} onChange={onChange} error={error}>
      {people.length === 0 ? (
        <Text size="sm" c="dimmed" mt={4}>
          {t('new.noPeople')}
        </Text>
      ) : (
        <Stack gap={6} mt={6} mah={240} style={{ overflowY: 'auto' }} p={2}>
          {people.map((person) => (
            <Checkbox
              key={person.userId}
              value={person.userId}
              label={person.name}
              description={person.email}
              styles={{ description: { overflowWrap: 'anywhere' } }}
            />
          ))}
        </Stack>
      )}
    </Checkbox.Group>
  );
}
