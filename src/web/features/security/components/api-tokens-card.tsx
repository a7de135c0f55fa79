import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, NativeSelect, SegmentedControl, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { CheckIcon, CopyIcon } from '../../../components/icons';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { problemMessageKey } from '../../../lib/problem-message';
import { API_TOKEN_LIFETIMES, API_TOKEN_SCOPES, type ApiToken, type ApiTokenScope, useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/security';
import { useSecurityTranslation } from '../i18n/register';

type Lifetime = (typeof API_TOKEN_LIFETIMES)[number];

/** A labelled close button; Mantine draws the title bar as <header>, a second banner landmark inside a dialog. */
const DIALOG_PROPS = (closeLabel: string) => ({ closeButtonProps: { 'aria-label': closeLabel }, attributes: { header: { role: 'presentation' } } });

/**
 * Mein Konto → Sicherheit → API-Tokens: personal tokens for the customer's own scripts. Created with
 * a name, scopes and a lifetime; the secret is shown once. Admins can switch to every user's tokens
 * of the account and revoke any of them.
 */
export function ApiTokensCard({ isAdmin }: { isAdmin: boolean }) {
  const { t, tApp } = useSecurityTranslation();
  const format = useFormat();
  const [everyone, setEveryone] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useApiTokens(everyone && isAdmin);
  const revoke = useRevokeApiToken();

  return (
    <Card withBorder component="section" aria-labelledby="api-tokens-title">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div style={{ flex: '1 1 20rem' }}>
          <Title order={2} size="h3" id="api-tokens-title">
            {t('apiTokens.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('apiTokens.intro')}
          </Text>
        </div>
        <Button onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>
      </Group>
      {isAdmin && (
        <SegmentedControl
          mb="sm"
          aria-label={t('apiTokens.whose')}
          value={everyone ? 'account' : 'mine'}
          onChange={(value) => setEveryone(value === 'account')}
          data={[
            { value: 'mine', label: t('apiTokens.mine') },
            { value: 'account', label: t('apiTokens.everyone') },
          ]}
        />
      )}
      <div role="status">
        {revoke.isSuccess && (
          <Alert color="green" variant="light" mb="sm">
            <Text size="sm">{t('apiTokens.revoked')}</Text>
          </Alert>
        )}
      </div>
      {revoke.error && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          <Text size="sm">{tApp(problemMessageKey(revoke.error))}</Text>
        </Alert>
      )}
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm">{t('apiTokens.empty')}</Text>
      ) : (
        <DataTable
          label={everyone ? t('apiTokens.tableAccount') : t('apiTokens.table')}
          rows={tokens.data}
          rowKey={(token) => token.id}
          columns={[
            {
              key: 'name',
              header: t('apiTokens.name'),
              cell: (token) => (
                <Stack gap={2}>
                  <Text span size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {token.name}
                  </Text>
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {token.hint}…
                  </Text>
                </Stack>
              ),
            },
            ...(everyone ? [{ key: 'user', header: t('apiTokens.user'), cell: (token: ApiToken) => token.user.name }] : []),
            {
              key: 'scopes',
              header: t('apiTokens.scopes'),
              cell: (token) => token.scopes.map((scope) => t(`apiTokens.scope.${scope.replace(':', '_')}` as 'apiTokens.scope.cases_read')).join(' · '),
            },
            {
              key: 'status',
              header: t('apiTokens.status'),
              nowrap: true,
              cell: (token) =>
                token.status === 'active' ? (
                  t('apiTokens.expires', { date: format.date(token.expiresAt) })
                ) : (
                  <Badge variant="light" color={token.status === 'revoked' ? 'red' : 'gray'}>
                    {t(`apiTokens.statuses.${token.status}`)}
                  </Badge>
                ),
            },
            {
              key: 'lastUsed',
              header: t('apiTokens.lastUsed'),
              nowrap: true,
              cell: (token) =>
                token.lastUsedAt ? <time dateTime={token.lastUsedAt}>{format.dateTime(token.lastUsedAt)}</time> : t('apiTokens.neverUsed'),
            },
            {
              key: 'revoke',
              header: t('apiTokens.revoke'),
              cell: (token) =>
                token.status === 'active' ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(token)} aria-label={t('apiTokens.revokeLabel', { name: token.name })}>
                    {t('apiTokens.revoke')}
                  </Button>
                ) : (
                  tApp('common.none')
                ),
            },
          ]}
        />
      )}
      <CreateTokenDialog opened={creating} onClose={() => setCreating(false)} />
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('apiTokens.revokeTitle')} {...DIALOG_PROPS(t('apiTokens.close'))}>
        <Text size="sm" mb="md">
          {t('apiTokens.revokeText', { name: revoking?.name ?? '' })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRevoking(null)}>
            {t('apiTokens.cancel')}
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => {
              if (revoking) revoke.mutate({ id: revoking.id }, { onSettled: () => setRevoking(null) });
            }}
          >
            {t('apiTokens.revoke')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

function CreateTokenDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, tApp } = useSecurityTranslation();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['cases:read']);
  const [lifetime, setLifetime] = useState<Lifetime>(90);
  const [submitted, setSubmitted] = useState(false);
  const secret = create.data?.secret ?? null;

  const close = () => {
    create.reset();
    setName('');
    setScopes(['cases:read']);
    setLifetime(90);
    setSubmitted(false);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!name.trim() || scopes.length === 0) return;
    create.mutate({ name: name.trim(), scopes, lifetimeDays: lifetime });
  };
  const error =
    create.error && isApiError(create.error) && create.error.code === 'api_token.limit_reached' ? t('apiTokens.limitReached') : create.error ? tApp(problemMessageKey(create.error)) : null;

  return (
    <Modal opened={opened} onClose={close} title={secret ? t('apiTokens.createdTitle') : t('apiTokens.createTitle')} size="lg" {...DIALOG_PROPS(t('apiTokens.close'))}>
      {secret ? (
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            <Text size="sm">{t('apiTokens.secretOnce')}</Text>
          </Alert>
          <Text size="sm" fw={600} id="api-token-secret-label">
            {t('apiTokens.secret')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block data-testid="api-token-secret" aria-labelledby="api-token-secret-label" style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {secret}
            </Code>
            <CopyButton value={secret} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('apiTokens.copied') : t('apiTokens.copy')} withArrow>
                  <ActionIcon variant={copied ? 'filled' : 'default'} color={copied ? 'teal.8' : undefined} size="lg" onClick={copy} aria-label={copied ? t('apiTokens.copied') : t('apiTokens.copy')}>
                    {copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">{t('apiTokens.usage')}</Text>
          <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            curl -H "Authorization: Bearer {secret.slice(0, 16)}…" {window.location.origin}/api/v1/cases
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('apiTokens.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('apiTokens.name')}
              description={t('apiTokens.nameHint')}
              required
              maxLength={80}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={submitted && !name.trim() ? t('apiTokens.nameRequired') : undefined}
              data-autofocus
            />
            <Checkbox.Group
              label={t('apiTokens.scopes')}
              description={t('apiTokens.scopesHint')}
              required
              value={scopes}
              onChange={(value) => setScopes(value as ApiTokenScope[])}
              error={submitted && scopes.length === 0 ? t('apiTokens.scopesRequired') : undefined}
            >
              <Stack gap={6} mt="xs">
                {API_TOKEN_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope} label={t(`apiTokens.scope.${scope.replace(':', '_')}` as 'apiTokens.scope.cases_read')} />
                ))}
              </Stack>
            </Checkbox.Group>
            <NativeSelect
              label={t('apiTokens.lifetime')}
              value={String(lifetime)}
              onChange={(event) => setLifetime(Number(event.currentTarget.value) as Lifetime)}
              data={API_TOKEN_LIFETIMES.map((days) => ({ value: String(days), label: t('apiTokens.days', { count: days }) }))}
            />
            {error && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{error}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('apiTokens.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('apiTokens.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
