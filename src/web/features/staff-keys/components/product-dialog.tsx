import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldMessageKeys } from '../../../lib/problem-message';
import { type Product, useCreateProduct } from '../api/products';
import { useStaffKeysTranslation } from '../i18n/register';
import { Dialog } from './dialog';

const CODE = /^[a-z0-9][a-z0-9-]*$/;
type EditionRow = { code: string; name: string };

/** Creates a product with its editions (release managers and staff admins). */
export function ProductDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (product: Product) => void }) {
  const { t, tApp, problem } = useStaffKeysTranslation();
  const create = useCreateProduct();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [latestVersion, setLatestVersion] = useState('');
  const [editions, setEditions] = useState<EditionRow[]>([{ code: '', name: '' }]);
  const [errors, setErrors] = useState<{ code?: string; name?: string; editions?: Record<number, { code?: string; name?: string }> }>({});

  const serverFields = fieldMessageKeys(create.error, ['code', 'name', 'latestVersion'] as const);
  const general = create.error && Object.keys(serverFields).length === 0 ? problem(create.error) : null;

  const reset = () => {
    setCode('');
    setName('');
    setLatestVersion('');
    setEditions([{ code: '', name: '' }]);
    setErrors({});
    create.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!CODE.test(code.trim()) || code.trim().length < 2) found.code = t('products.codeHint');
    if (!name.trim()) found.name = tApp('validation.required');
    const filled = editions.filter((e) => e.code.trim() || e.name.trim());
    const editionErrors: Record<number, { code?: string; name?: string }> = {};
    editions.forEach((e, i) => {
      if (!e.code.trim() && !e.name.trim()) return;
      if (!CODE.test(e.code.trim()) || e.code.trim().length < 2) editionErrors[i] = { ...editionErrors[i], code: t('products.codeHint') };
      if (!e.name.trim()) editionErrors[i] = { ...editionErrors[i], name: tApp('validation.required') };
    });
    if (Object.keys(editionErrors).length) found.editions = editionErrors;
    setErrors(found);
    if (found.code || found.name || found.editions) return;
    create.mutate(
      {
        code: code.trim(),
        name: name.trim(),
        ...(latestVersion.trim() ? { latestVersion: latestVersion.trim() } : {}),
        editions: filled.map((e) => ({ code: e.code.trim(), name: e.name.trim() })),
      },
      {
        onSuccess: (product) => {
          reset();
          onCreated(product);
        },
      },
    );
  };

  const setEdition = (index: number, patch: Partial<EditionRow>) =>
    setEditions((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Dialog
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title={t('products.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('products.name')}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name ?? (serverFields.name ? tApp(serverFields.name) : undefined)}
          />
          <TextInput
            label={t('products.code')}
            description={t('products.codeHint')}
            required
            maxLength={50}
            autoCapitalize="none"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code ?? (serverFields.code ? tApp(serverFields.code) : undefined)}
          />
          <TextInput
            label={t('products.latestVersion')}
            maxLength={50}
            value={latestVersion}
            onChange={(e) => setLatestVersion(e.currentTarget.value)}
          />
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" mb={4} style={{ fontWeight: 'var(--mantine-font-weight-medium)' }}>
              {t('products.editionsLegend')}
            </Text>
            <Stack gap="xs">
              {editions.map((edition, index) => (
                // Rows have no id before they are saved; their position is their identity here.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Group key={index} gap="xs" align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('products.editionName', { n: index + 1 })}
                    maxLength={100}
                    value={edition.name}
                    onChange={(e) => setEdition(index, { name: e.currentTarget.value })}
                    error={errors.editions?.[index]?.name}
                    style={{ flex: '1 1 12rem' }}
                  />
                  <TextInput
                    label={t('products.editionCode', { n: index + 1 })}
                    maxLength={50}
                    autoCapitalize="none"
                    spellCheck={false}
                    value={edition.code}
                    onChange={(e) => setEdition(index, { code: e.currentTarget.value })}
                    error={errors.editions?.[index]?.code}
                    style={{ flex: '1 1 10rem' }}
                  />
                  {editions.length > 1 && (
                    <Button
                      variant="subtle"
                      color="red"
                      mt={{ base: 0, sm: 25 }}
                      onClick={() => setEditions((rows) => rows.filter((_, i) => i !== index))}
                    >
                      {t('products.removeEdition', { n: index + 1 })}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
            {editions.length < 20 && (
              <Button variant="default" mt="xs" onClick={() => setEditions((rows) => [...rows, { code: '', name: '' }])}>
                {t('products.addEdition')}
              </Button>
            )}
          </fieldset>
          {general && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{general}</Text>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('products.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
