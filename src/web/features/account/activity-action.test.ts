import { describe, expect, it } from 'vitest';
import de from '../../i18n/locales/de.json';
import { activityActionKey } from './activity-action';

/** Mirrors i18next's lookup: a key has text when it ends at a string. */
function hasText(key: string): boolean {
  const value = key.split('.').reduce<unknown>((node, part) => {
    if (typeof node !== 'object' || node === null) return undefined;
    return (node as Record<string, unknown>)[part];
  }, de);
  return typeof value === 'string';
}

describe('activityActionKey', () => {
  it('finds the text for every action code the brief names', () => {
    for (const code of ['auth.login', 'auth.login_failed', 'auth.logout', 'account.switched', 'user.updated']) {
      expect(activityActionKey(code, hasText)).toBe(`account.activity.actions.${code}`);
    }
  });

  it('returns null for unknown codes so they are shown as they are', () => {
    expect(activityActionKey('key.released', hasText)).toBeNull();
  });

  it('does not mistake a group of actions for an action', () => {
    expect(activityActionKey('auth', hasText)).toBeNull();
  });

  it('ignores codes that could walk somewhere else in the translations', () => {
    expect(activityActionKey('auth..login', hasText)).toBeNull();
    expect(activityActionKey('Auth.Login', hasText)).toBeNull();
  });
});
