import { Alert, Button, Card, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { meQueryKey } from '../../../lib/me';
import { problemMessageKey } from '../../../lib/problem-message';
import { type TotpSetup, useConfirmTotp, useDisableMfa, useMfa, useRegenerateCodes, useStartTotp } from '../api/security';
import { useSecurityTranslation } from '../i18n/register';
import { fieldCode } from '../security-problem';
import { RecoveryCodes } from './recovery-codes';

/** base64 of a UTF-8 string (the QR code's SVG), for a data: URL. */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Set-up with a QR code and a confirmation code, recovery codes once, renewal and switching off. */
export function MfaCard() {
  const { t } = useSecurityTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const mfa = useMfa();
  const [codes, setCodes] = useState<string[] | null>(null);

  const codesSaved = () => {
    setCodes(null);
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };

  return (
    <Card withBorder component="section" aria-labelledby="mfa-title">
      <Title order={2} size="h3" id="mfa-title" mb="xs">
        {t('mfa.title')}
      </Title>
      {codes ? (
        <RecoveryCodes codes={codes} onDone={codesSaved} />
      ) : mfa.isPending ? (
        <PageLoader />
      ) : mfa.isError ? (
        <QueryError error={mfa.error} onRetry={() => void mfa.refetch()} />
      ) : mfa.data.enabled ? (
        <Stack gap="md">
          <Text size="sm">
            {t('mfa.on', {
              date: mfa.data.enabledAt ? format.dateTime(mfa.data.enabledAt) : '–',
              count: mfa.data.recoveryCodesLeft,
            })}
          </Text>
          <EnabledActions onCodes={setCodes} />
        </Stack>
      ) : (
        <Enrol onCodes={setCodes} />
      )}
    </Card>
  );
}

function Enrol({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t, tApp } = useSecurityTranslation();
  const start = useStartTotp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);

  if (!setup) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('mfa.off')}</Text>
        {start.error && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{tApp(problemMessageKey(start.error))}</Text>
          </Alert>
        )}
        <Button loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setSetup })}>
          {t('mfa.start')}
        </Button>
      </Stack>
    );
  }
  return <ConfirmTotp setup={setup} onCancel={() => setSetup(null)} onCodes={onCodes} />;
}

function ConfirmTotp({ setup, onCancel, onCodes }: { setup: TotpSetup; onCancel: () => void; onCodes: (codes: string[]) => void }) {
  const { t, tApp } = useSecurityTranslation();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ code: code.replace(/\s/g, '') }, { onSuccess: (data) => onCodes(data.recoveryCodes) });
  };

  const invalid =
    fieldCode(confirm.error, 'code') || (isApiError(confirm.error) && confirm.error.code === 'auth.invalid_mfa_code');
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('mfa.scan')}</Text>
        {/* White behind the code in the dark scheme too: scanners need the contrast. */}
        <img
          src={`data:image/svg+xml;base64,${base64(setup.qrSvg)}`}
          alt={t('mfa.qrAlt')}
          width={200}
          height={200}
          style={{ background: 'white', padding: 8, borderRadius: 4 }}
        />
        <div>
          <Text size="sm" fw={500}>
            {t('mfa.secret')}
          </Text>
          <Code fz="sm" data-testid="totp-secret" style={{ overflowWrap: 'anywhere' }}>
            {setup.secret}
          </Code>
        </div>
        <TextInput
          label={t('mfa.code')}
          description={t('mfa.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={240}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={invalid ? t('mfa.invalidCode') : undefined}
        />
        {confirm.error && !invalid && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{tApp(problemMessageKey(confirm.error))}</Text>
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={confirm.isPending}>
            {t('mfa.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('mfa.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EnabledActions({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t, tApp } = useSecurityTranslation();
  const regenerate = useRegenerateCodes();
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  const error = regenerate.error ?? disable.error;
  const message = !error
    ? null
    : fieldCode(error, 'password')
      ? t('mfa.wrongPassword')
      : isApiError(error) && error.code === 'mfa.required_by_policy'
        ? t('mfa.requiredByPolicy')
        : tApp(problemMessageKey(error));

  return (
    <Stack gap="sm" maw={420}>
      <PasswordInput
        label={t('mfa.password')}
        autoComplete="current-password"
        value={password}
        onChange={(event) => {
          regenerate.reset();
          disable.reset();
          setPassword(event.currentTarget.value);
        }}
        visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
      />
      {message && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{message}</Text>
        </Alert>
      )}
      <Group gap="sm">
        <Button
          variant="default"
          disabled={!password}
          loading={regenerate.isPending}
          onClick={() => regenerate.mutate({ password }, { onSuccess: (data) => onCodes(data.recoveryCodes) })}
        >
          {t('mfa.regenerate')}
        </Button>
        <Button
          color="red"
          variant="light"
          disabled={!password}
          loading={disable.isPending}
          onClick={() => disable.mutate({ password }, { onSuccess: () => setPassword('') })}
        >
          {t('mfa.disable')}
        </Button>
      </Group>
    </Stack>
  );
}
