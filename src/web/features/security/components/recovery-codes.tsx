import { Button, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSecurityTranslation } from '../i18n/register';

/** Recovery codes, shown once: copy, download as .txt, then "saved". */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useSecurityTranslation();
  const [copied, setCopied] = useState(false);
  const text = `${codes.join('\n')}\n`;
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  return (
    <Stack gap="sm" role="region" aria-labelledby="recovery-codes-title">
      <Title order={3} size="h4" id="recovery-codes-title">
        {t('mfa.codesTitle')}
      </Title>
      <Text size="sm">{t('mfa.codesIntro')}</Text>
      <SimpleGrid cols={2} spacing={4} maw={360} data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} fz="sm">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <Button
          variant="default"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? t('mfa.copied') : t('mfa.copy')}
        </Button>
        <Button component="a" variant="default" href={href} download="portico-recovery-codes.txt">
          {t('mfa.download')}
        </Button>
        <Button onClick={onDone}>{t('mfa.codesDone')}</Button>
      </Group>
    </Stack>
  );
}
