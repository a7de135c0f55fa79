import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotFound } from '../../components/not-found';
import { type SubNavItem, SubNav } from '../../components/sub-nav';
import { useMe } from '../../lib/me';

/** "Mein Konto": the page heading and the tabs; each tab is its own address. */
export function AccountLayout() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.areas.includes('account')) return <NotFound />;

  const items: SubNavItem[] = [
    { to: '/account', label: t('account.tabs.profile'), end: true },
    { to: '/account/security', label: t('account.tabs.security') },
  ];
  // Kontodaten: admins and billing users only; everyone else does not learn of the page.
  if (me.abilities.manageBilling) items.push({ to: '/account/billing', label: t('account.tabs.billing') });
  if (me.abilities.manageUsers) items.push({ to: '/account/users', label: t('account.tabs.users') });
  // Admins read the whole account's activity, everyone else in an account their own.
  if (me.account) items.push({ to: '/account/activity', label: t('account.tabs.activity') });

  return (
    <>
      <Title order={1} mb="md">
        {t('account.title')}
      </Title>
      {items.length > 1 && <SubNav label={t('account.sections')} items={items} />}
      <Outlet />
    </>
  );
}
