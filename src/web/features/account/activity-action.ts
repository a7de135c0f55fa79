/**
 * The i18n key for an audit action code such as `auth.login` (codes nest under
 * `account.activity.actions`), or null for codes this build has no text for; those are shown raw.
 */
export function activityActionKey(code: string, hasText: (key: string) => boolean): string | null {
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(code)) return null;
  const key = `account.activity.actions.${code}`;
  return hasText(key) ? key : null;
}
