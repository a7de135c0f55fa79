import { ActionIcon, Button, Card, Group, NativeSelect, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { CrossIcon } from '../../../components/icons';
import type { Product } from '../../staff-keys/api/products';
import { useStaffInvoicesTranslation } from '../i18n/register';
import { emptyLine, type FieldErrors, type LineDraft, parsedLine } from '../invoice-form';
import { formatMoney, lineAmounts } from '../money';

/** The invoice's lines: each from a product or free text, with period, quantity, net unit price and tax rate. */
export function LinesEditor({
  lines,
  currency,
  products,
  errors,
  onChange,
}: {
  lines: LineDraft[];
  currency: string;
  products: Product[];
  errors: FieldErrors;
  onChange: (lines: LineDraft[]) => void;
}) {
  const { t, locale } = useStaffInvoicesTranslation();
  const err = (key: string) => (errors[key] ? t(errors[key] as 'form.descriptionRequired') : undefined);
  const update = (index: number, patch: Partial<LineDraft>) => onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend>
        <Title order={3} size="h4" mb="xs">
          {t('form.lines')}
        </Title>
      </legend>
      {lines.map((line, index) => {
        const n = String(index + 1);
        const parsed = parsedLine(line, currency);
        const amount = parsed.quantity !== null && parsed.unitAmount !== null ? lineAmounts({ quantity: parsed.quantity, unitAmount: parsed.unitAmount, taxRateBp: 0 }).amount : null;
        return (
          <Card key={line.key} withBorder mb="sm" padding="sm" component="fieldset" aria-label={t('form.line', { n })} style={{ minWidth: 0 }}>
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Text fw={600} size="sm" aria-hidden="true">
                {t('form.line', { n })}
              </Text>
              {lines.length > 1 && (
                <ActionIcon variant="subtle" color="gray" aria-label={t('form.removeLine', { n })} onClick={() => onChange(lines.filter((_, i) => i !== index))}>
                  <CrossIcon size={16} />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t('form.product')}
                value={line.productId}
                onChange={(event) => {
                  const productId = event.currentTarget.value;
                  const product = products.find((p) => p.id === productId);
                  update(index, { productId, description: line.description || product?.name || '' });
                }}
                data={[{ value: '', label: t('form.freeText') }, ...products.map((p) => ({ value: p.id, label: p.name }))]}
              />
              <TextInput
                label={t('form.description')}
                required
                value={line.description}
                maxLength={500}
                error={err(`lines.${index}.description`)}
                onChange={(event) => update(index, { description: event.currentTarget.value })}
              />
              <TextInput label={t('form.periodStart')} type="date" value={line.periodStart} onChange={(event) => update(index, { periodStart: event.currentTarget.value })} />
              <TextInput label={t('form.periodEnd')} type="date" value={line.periodEnd} onChange={(event) => update(index, { periodEnd: event.currentTarget.value })} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mt="sm">
              <TextInput
                label={t('form.quantity')}
                required
                inputMode="numeric"
                value={line.quantity}
                error={err(`lines.${index}.quantity`)}
                onChange={(event) => update(index, { quantity: event.currentTarget.value })}
              />
              <TextInput
                label={t('form.unitAmount', { currency })}
                required
                inputMode="decimal"
                value={line.unitAmount}
                error={err(`lines.${index}.unitAmount`)}
                onChange={(event) => update(index, { unitAmount: event.currentTarget.value })}
              />
              <TextInput
                label={t('form.taxRate')}
                required
                inputMode="decimal"
                value={line.taxRate}
                error={err(`lines.${index}.taxRate`)}
                onChange={(event) => update(index, { taxRate: event.currentTarget.value })}
              />
            </SimpleGrid>
            <Text size="sm" ta="end" mt="xs">
              {t('form.lineAmount')}: {amount === null ? '–' : formatMoney(amount, currency, locale)}
            </Text>
          </Card>
        );
      })}
      <Button variant="default" onClick={() => onChange([...lines, emptyLine()])} disabled={lines.length >= 200}>
        {t('form.addLine')}
      </Button>
    </fieldset>
  );
}
