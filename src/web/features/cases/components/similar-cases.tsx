import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { SIMILAR_MIN_LENGTH, useSimilarCases } from '../api/get-similar';
import { useCasesTranslation } from '../i18n/register';
import { StatusBadge } from './case-badges';

/**
 * Cases of the account like the subject typed so far: one of them may already be about the same
 * problem. The links open in the same tab (the browser's back button returns to the form).
 */
export function SimilarCases({ accountId, subject }: { accountId: string; subject: string }) {
  const { t } = useCasesTranslation();
  const similar = useSimilarCases(accountId, subject);
  const found = subject.length >= SIMILAR_MIN_LENGTH ? (similar.data ?? []) : [];
  return (
    <Box aria-live="polite">
      {found.length > 0 && (
        <Box
          component="section"
          aria-labelledby="similar-title"
          p="sm"
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Text id="similar-title" size="sm" fw={600}>
            {t('new.similarTitle')}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('new.similarHint')}
          </Text>
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {found.map((c) => (
              <li key={c.id}>
                <Group gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/cases/${c.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {t('new.similarLink', { number: c.number, subject: c.subject })}
                  </Anchor>
                  <StatusBadge status={c.status} />
                </Group>
              </li>
            ))}
          </Stack>
        </Box>
      )}
    </Box>
  );
}
