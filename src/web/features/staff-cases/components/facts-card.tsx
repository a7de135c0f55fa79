import { Anchor, Card, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { type Definition, DefinitionList } from '../../../components/definition-list';
import { useFormat } from '../../../lib/format';
import type { StaffCase } from '../api/staff-cases';
import { useStaffCasesTranslation } from '../i18n/register';
import classes from '../staff-case-page.module.css';

/** Everything the customer told and the system knows about the case, then its description. */
export function FactsCard({ kase }: { kase: StaffCase }) {
  const { t } = useStaffCasesTranslation();
  const format = useFormat();
  const none = t('case.none');
  const time = (iso: string) => <time dateTime={iso}>{format.dateTime(iso)}</time>;
  const person = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;

  const items: Definition[] = [{ term: t('case.type'), value: t(`types.${kase.type}`) }];
  if (kase.category) items.push({ term: t('case.category'), value: t(`categories.${kase.category}`) });
  if (kase.type === 'technical') {
    items.push(
      { term: t('case.product'), value: kase.product?.name ?? none },
      {
        term: t('case.version'),
        value: kase.productVersion
          ? `${kase.productVersion}${kase.latestVersion && kase.latestVersion !== kase.productVersion ? ` (${t('case.latestVersion', { version: kase.latestVersion })})` : ''}`
          : none,
      },
      { term: t('case.os'), value: kase.operatingSystem ?? none },
    );
  }
  if (kase.key) {
    const key = kase.key;
    items.push({
      term: t('case.key'),
      value: (
        <>
          <Text span ff="monospace" inherit>
            {t('case.keyTail', { tail: key.licenseKeyTail })}
          </Text>
          {' · '}
          {key.maintenanceEnd ? t('case.maintenanceUntil', { date: format.date(key.maintenanceEnd) }) : t('case.noMaintenance')} ({t(`maintenance.${key.maintenanceStatus}`)})
        </>
      ),
    });
  }
  if (kase.invoiceNumber) items.push({ term: t('case.invoice'), value: kase.invoiceNumber });
  items.push(
    { term: t('case.contact'), value: person(kase.contact) },
    { term: t('case.ccs'), value: kase.ccs.length ? kase.ccs.map(person).join(', ') : none },
    { term: t('case.createdBy'), value: kase.createdBy.name },
    { term: t('case.created'), value: time(kase.createdAt) },
    { term: t('case.lastActivity'), value: time(kase.lastActivityAt) },
  );
  if (kase.relatedCase) {
    items.push({
      term: t('case.relatedCase'),
      value: (
        <Anchor component={Link} to={`/console/cases/${kase.relatedCase.id}`} inherit>
          {kase.relatedCase.number}
        </Anchor>
      ),
    });
  }
  if (kase.solvedAt) items.push({ term: t('case.solvedAt'), value: time(kase.solvedAt) });
  if (kase.closedAt) items.push({ term: t('case.closedAt'), value: time(kase.closedAt) });

  return (
    <Card withBorder component="section" aria-labelledby="facts-title">
      <Title order={2} size="h4" id="facts-title" mb="sm">
        {t('case.facts')}
      </Title>
      <DefinitionList items={items} />
      <Title order={3} size="h5" mt="md" mb="xs">
        {t('case.description')}
      </Title>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the Markdown and sanitises it (cases.presenter). */}
      <div className={classes.markdown} dangerouslySetInnerHTML={{ __html: kase.descriptionHtml }} />
    </Card>
  );
}
