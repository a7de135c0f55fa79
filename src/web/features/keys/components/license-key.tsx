import { ActionIcon, Group, Text, VisuallyHidden } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { CheckIcon, CopyIcon } from '../../../components/icons';
import { useKeysTranslation } from '../i18n/register';
import classes from './license-key.module.css';

/**
 * The key's groups as inline blocks: they stay on one line where the key may not wrap, and on
 * phones the line breaks between groups, never inside one (`<wbr>` would also break in nowrap).
 */
function Groups({ value }: { value: string }) {
  const parts = value.split('-');
  return parts.map((part, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one key never move.
    <span key={index} className={classes.group}>
      {index < parts.length - 1 ? `${part}-` : part}
    </span>
  ));
}

/**
 * A product key in monospace. A masked key (only its last group is shown to this user) is read out
 * as "key ending in …" instead of a row of bullets, and has nothing to copy.
 */
export function LicenseKeyText({ value, masked }: { value: string; masked: boolean }) {
  const { t } = useKeysTranslation();
  if (!masked) {
    return (
      <Text span inherit ff="monospace" className={classes.key}>
        <Groups value={value} />
      </Text>
    );
  }
  return (
    <>
      <Text span inherit ff="monospace" aria-hidden="true" className={classes.key}>
        <Groups value={value} />
      </Text>
      <VisuallyHidden>{t('key.endsWith', { suffix: value.slice(-5) })}</VisuallyHidden>
    </>
  );
}

/** Copies a full product key; confirms with a check mark and, for screen readers, a status text. */
export function CopyKeyButton({ value, size = 'md' }: { value: string; size?: 'sm' | 'md' }) {
  const { t } = useKeysTranslation();
  const clipboard = useClipboard({ timeout: 2000 });
  const status = clipboard.copied ? t('key.copied') : clipboard.error ? t('key.copyFailed') : '';
  return (
    <>
      <ActionIcon
        variant="subtle"
        color={clipboard.copied ? 'teal' : 'gray'}
        size={size}
        aria-label={t('key.copy')}
        title={t('key.copy')}
        onClick={() => clipboard.copy(value)}
      >
        {clipboard.copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
      </ActionIcon>
      <VisuallyHidden role="status">{status}</VisuallyHidden>
    </>
  );
}

/** The key with its copy button when the user may use it. */
export function LicenseKey({ value, masked }: { value: string; masked: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <LicenseKeyText value={value} masked={masked} />
      {!masked && <CopyKeyButton value={value} size="sm" />}
    </Group>
  );
}
