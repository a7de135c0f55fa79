import './i18n/register';
import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotFound } from '../../components/not-found';
import { type SubNavItem, SubNav } from '../../components/sub-nav';
import { useMe } from '../../lib/me';
import { useConsoleTranslation } from './i18n/register';

/** The staff console's frame: heading plus the sections the user's abilities open. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { t: tConsole } = useConsoleTranslation();
  const me = useMe();
  if (!me.areas.includes('console')) return <NotFound />;

  const items: SubNavItem[] = [];
  if (me.abilities.workCases) items.push({ to: '/console/cases', label: t('console.cases.title') });
  if (me.abilities.viewStaffAccounts) items.push({ to: '/console/accounts', label: t('console.accounts.title') });
  if (me.abilities.manageStaff) items.push({ to: '/console/users', label: tConsole('staffUsers.title') });
  if (me.abilities.viewOutbox) items.push({ to: '/console/outbox', label: t('console.outbox.title') });
  if (me.abilities.viewStaffAccounts || me.abilities.manageProducts) items.push({ to: '/console/keys', label: t('console.keys.title') });
  if (me.abilities.manageInvoices) items.push({ to: '/console/invoices', label: tConsole('invoicesNav') });
  if (me.abilities.manageProducts) items.push({ to: '/console/releases', label: tConsole('releasesNav') });
  if (me.abilities.runStaffReports) items.push({ to: '/console/reports', label: t('nav.reports') });

  return (
    <>
      <Title order={1} mb="md">
        {t('console.title')}
      </Title>
      {items.length > 0 && <SubNav label={t('console.sections')} items={items} />}
      <Outlet />
    </>
  );
}
