import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { HeaderPopover, popoverItemClass, popoverLabelClass } from '../components/header-popover';
import { BuildingIcon, CheckIcon, ChevronDownIcon } from '../components/icons';
import { type Me, useSwitchAccount } from '../lib/me';
import { problemMessageKey } from '../lib/problem-message';

/**
 * The account in use. Users with several memberships (and the server's permission) get a list to
 * switch; the switch starts over on the dashboard because the current page may not exist there.
 */
export function AccountSwitcher({ me, fullWidth = false }: { me: Me; fullWidth?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const switchAccount = useSwitchAccount();

  if (!me.account) return null;

  const canSwitch = me.abilities.switchAccount && me.memberships.length > 1;
  if (!canSwitch) {
    return (
      <Text size="sm" fw={500} px="xs" truncate="end" maw={fullWidth ? undefined : 260} title={me.account.name}>
        {me.account.name}
      </Text>
    );
  }

  const current = me.account;
  return (
    <>
      <HeaderPopover
        width={300}
        align={fullWidth ? 'stretch' : 'end'}
        menuLabel={t('header.switchAccount')}
        header={<div className={popoverLabelClass}>{t('header.switchAccount')}</div>}
        trigger={(props) => (
          <Button
            {...props}
            variant="subtle"
            color="gray"
            c="var(--mantine-color-text)"
            leftSection={<BuildingIcon />}
            rightSection={<ChevronDownIcon size={16} />}
            loading={switchAccount.isPending}
            fullWidth={fullWidth}
            justify={fullWidth ? 'space-between' : undefined}
            styles={fullWidth ? { label: { flex: 1 } } : undefined}
            maw={fullWidth ? undefined : 300}
            aria-label={t('header.accountMenu', { account: current.name })}
          >
            <Text span size="sm" fw={500} truncate="end">
              {current.name}
            </Text>
          </Button>
        )}
      >
        {(close) => (
          <>
            {me.memberships.map((membership) => {
              const isCurrent = membership.accountId === current.id;
              return (
                <button
                  type="button"
                  key={membership.accountId}
                  role="menuitemradio"
                  aria-checked={isCurrent}
                  tabIndex={-1}
                  className={popoverItemClass}
                  onClick={() => {
                    close();
                    if (isCurrent) return;
                    switchAccount.mutate({ accountId: membership.accountId }, { onSuccess: () => void navigate('/') });
                  }}
                >
                  <span style={{ width: 16, flexShrink: 0 }}>{isCurrent && <CheckIcon size={16} />}</span>
                  <span>
                    <Text span size="sm" display="block" fw="inherit">
                      {membership.accountName}
                    </Text>
                    <Text span size="xs" c="dimmed" display="block">
                      {t('header.accountNumber', { number: membership.accountNumber })} ·{' '}
                      {t(`roles.customer.${membership.role}`)}
                    </Text>
                  </span>
                </button>
              );
            })}
          </>
        )}
      </HeaderPopover>
      {switchAccount.isError && (
        <Text size="xs" c="var(--mantine-color-error)" role="alert" px="xs">
          {t(problemMessageKey(switchAccount.error))}
        </Text>
      )}
    </>
  );
}
