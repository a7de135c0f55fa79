import { Button, CopyButton, Group, Text } from '@mantine/core';
import { CheckIcon, CopyIcon } from '../../../components/icons';
import { useDownloadsTranslation } from '../i18n/register';

/** The SHA-256 of a file, breakable on phones, with a copy button for comparing with `sha256sum`. */
export function Checksum({ sha256, fileName }: { sha256: string; fileName: string }) {
  const { t } = useDownloadsTranslation();
  return (
    <Group gap={4} wrap="nowrap" align="center">
      <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }} data-testid="sha256">
        {sha256}
      </Text>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={copy}
            aria-label={t('table.copyChecksum', { file: fileName })}
            leftSection={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
            style={{ flexShrink: 0 }}
          >
            {copied ? t('table.copied') : t('table.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
