import { describe, expect, it } from 'vitest';
import de from '../../i18n/locales/de.json';
import { actionGroups } from './action-options';

const labels = { groupLabel: (code: string) => `[${code}]`, allOfGroup: (group: string) => `all ${group}` };

describe('actionGroups', () => {
  it('offers each group as a whole and each of its actions', () => {
    const groups = actionGroups({ auth: { login: 'Anmeldung', logout: 'Abmeldung' } }, labels);
    expect(groups).toEqual([
      {
        group: '[auth]',
        code: 'auth',
        items: [
          { value: 'auth.', label: 'all [auth]' },
          { value: 'auth.logout', label: 'Abmeldung' },
          { value: 'auth.login', label: 'Anmeldung' },
        ],
      },
    ]);
  });

  it('covers every action the shared German texts name', () => {
    const values = actionGroups(de.account.activity.actions, labels).flatMap((group) => group.items.map((item) => item.value));
    expect(values).toContain('auth.login_failed');
    expect(values).toContain('user.invited');
    expect(values).toContain('session.');
  });

  it('skips what is not a group of texts', () => {
    expect(actionGroups(null, labels)).toEqual([]);
    expect(actionGroups({ stray: 'text', Bad: { x: 'y' }, empty: {} }, labels)).toEqual([]);
  });
});
