import './i18n/register';
import { Title } from '@mantine/core';
import { Outlet } from 'react-router';
import { NotFound } from '../../components/not-found';
import { type SubNavItem, SubNav } from '../../components/sub-nav';
import { useMe } from '../../lib/me';
import { useKeyGroups } from './api/get-key-groups';
import { useKeysTranslation } from './i18n/register';

/**
 * "Product Keys": the heading and the tabs of the list and the key groups. The groups tab is there
 * for those who may manage groups and for key managers with groups (the key group list is theirs;
 * the facets would also name the group of a key merely assigned to someone).
 */
export function KeysLayout() {
  const me = useMe();
  if (!me.areas.includes('keys') || !me.account) return <NotFound />;
  return <KeysFrame accountId={me.account.id} manageGroups={me.abilities.manageUsers} />;
}

function KeysFrame({ accountId, manageGroups }: { accountId: string; manageGroups: boolean }) {
  const { t, tApp } = useKeysTranslation();
  const groups = useKeyGroups(accountId);
  const showGroups = manageGroups || (groups.data?.length ?? 0) > 0;
  const items: SubNavItem[] = [{ to: '/keys', label: t('tabs.keys'), end: true }];
  if (showGroups) items.push({ to: '/keys/groups', label: t('tabs.groups') });

  return (
    <>
      <Title order={1} mb="md">
        {tApp('nav.keys')}
      </Title>
      {items.length > 1 && <SubNav label={t('sections')} items={items} />}
      <Outlet />
    </>
  );
}
