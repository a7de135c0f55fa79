import { Avatar, Divider, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HeaderPopover, popoverItemClass, popoverLabelClass } from '../components/header-popover';
import { LogoutIcon, UserIcon } from '../components/icons';
import { useLogout } from '../features/auth/api/logout';
import type { Me } from '../lib/me';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const label = t('header.userMenu', { name: me.user.name });
  return (
    <HeaderPopover
      width={260}
      menuLabel={label}
      trigger={(props) => (
        <UnstyledButton {...props} aria-label={label} style={{ borderRadius: '50%' }}>
          <Avatar color="indigo" variant="filled" radius="xl" size={34} aria-hidden="true">
            {initials(me.user.name)}
          </Avatar>
        </UnstyledButton>
      )}
      header={
        <>
          <div className={popoverLabelClass}>{t('header.signedInAs')}</div>
          <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-xs)' }}>
            <Text size="sm" fw={600}>
              {me.user.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {me.user.email}
            </Text>
          </div>
          <Divider my={4} />
        </>
      }
    >
      {(close) => (
        <>
          {me.areas.includes('account') && (
            <Link to="/account" role="menuitem" tabIndex={-1} className={popoverItemClass} onClick={close}>
              <UserIcon size={16} />
              {t('nav.account')}
            </Link>
          )}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={popoverItemClass}
            onClick={() => {
              close();
              logout.mutate();
            }}
          >
            <LogoutIcon size={16} />
            {t('header.logout')}
          </button>
        </>
      )}
    </HeaderPopover>
  );
}
