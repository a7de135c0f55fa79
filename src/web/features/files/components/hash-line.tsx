import { Button, CopyButton, Group, Text } from '@mantine/core';
import { CheckIcon, CopyIcon } from '../../../components/icons';
import { useFilesTranslation } from '../i18n/register';
import classes from './files.module.css';

/** "SHA-256 <hex>" with a copy button, for comparing with the checksum of the file on one's own disk. */
export function HashLine({ sha256, fileName }: { sha256: string; fileName: string }) {
  const { t } = useFilesTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center" mt={4}>
      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
        {t('row.sha256')}
      </Text>
      <Text span className={classes.hash} data-testid="sha256">
        {sha256}
      </Text>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={copy}
            aria-label={t('list.copyFile', { name: fileName })}
            leftSection={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
            style={{ flexShrink: 0 }}
          >
            {copied ? t('list.copied') : t('list.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
