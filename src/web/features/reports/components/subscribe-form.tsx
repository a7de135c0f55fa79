import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useSubscribe } from '../api/reports';
import { useReportsTranslation } from '../i18n/register';
import { filtersToQuery, type ReportFilters, type ReportId } from '../report-filters';
import { useReportLabels } from './use-labels';

/** Per E-Mail abonnieren: the report with the filters on screen, weekly or monthly, as XLSX or CSV. */
export function SubscribeForm({ accountId, reportId, filters }: { accountId: string; reportId: ReportId; filters: ReportFilters }) {
  const { t, problem } = useReportsTranslation();
  const { format } = useReportLabels();
  const subscribe = useSubscribe(accountId);
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('weekly');
  const [fileFormat, setFileFormat] = useState<'xlsx' | 'csv'>('xlsx');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { from: _from, to: _to, ...kept } = filtersToQuery(filters);
    subscribe.mutate({ reportId, filters: kept, frequency, format: fileFormat });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="subscribe-title">
      <Stack gap="sm">
        <Text size="sm">{t('subscribe.intro')}</Text>
        <Group gap="xl" align="flex-start">
          <Radio.Group label={t('subscribe.frequency')} value={frequency} onChange={(v) => setFrequency(v === 'monthly' ? 'monthly' : 'weekly')}>
            <Stack gap={6} mt={6}>
              <Radio value="weekly" label={t('subscribe.weekly')} />
              <Radio value="monthly" label={t('subscribe.monthly')} />
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('subscribe.format')} value={fileFormat} onChange={(v) => setFileFormat(v === 'csv' ? 'csv' : 'xlsx')}>
            <Stack gap={6} mt={6}>
              <Radio value="xlsx" label={t('subscribe.xlsx')} />
              <Radio value="csv" label={t('subscribe.csv')} />
            </Stack>
          </Radio.Group>
        </Group>
        {subscribe.isError && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{problem(subscribe.error)}</Text>
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={subscribe.isPending}>
            {t('subscribe.submit')}
          </Button>
          <Text size="sm" role="status">
            {subscribe.isSuccess ? t('subscribe.done', { date: format.dateTime(subscribe.data.nextRunAt) }) : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
