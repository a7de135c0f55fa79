import { Button, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CopyIcon } from './icons';

/**
 * A file's SHA-256, breakable on phones, with a copy button for comparing with `sha256sum` on
 * one's own disk: the case attachments, the upload rows and the release centre show it alike.
 * `label` puts "SHA-256" before the digits where nothing around says what they are.
 */
export function Sha256Copy({ sha256, fileName, label = false }: { sha256: string; fileName: string; label?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      {label && (
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {t('sha256.label')}
        </Text>
      )}
      <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }} data-testid="sha256">
        {sha256}
      </Text>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={copy}
            aria-label={t('sha256.copyLabel', { file: fileName })}
            leftSection={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
            style={{ flexShrink: 0 }}
          >
            {copied ? t('sha256.copied') : t('sha256.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
