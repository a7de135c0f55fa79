/** One group of the action filter: "all of the group" first, then its single actions. */
export type ActionGroup = { group: string; code: string; items: { value: string; label: string }[] };

type Texts = { [key: string]: string | Texts };

/**
 * The action filter's choices, built from the action texts this build has (the shared
 * `account.activity.actions` tree), so every action that has a name can be chosen and new ones
 * appear with their texts. Group `auth` yields `auth.` (all) plus `auth.login`, `auth.logout`, …
 */
export function actionGroups(
  actions: unknown,
  { groupLabel, allOfGroup }: { groupLabel: (code: string) => string; allOfGroup: (group: string) => string },
): ActionGroup[] {
  if (typeof actions !== 'object' || actions === null) return [];
  return Object.entries(actions as Texts).flatMap(([code, texts]) => {
    if (typeof texts !== 'object' || !/^[a-z_]+$/.test(code)) return [];
    const items = Object.entries(texts)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^[a-z_]+$/.test(entry[0]))
      .map(([name, label]) => ({ value: `${code}.${name}`, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
    if (items.length === 0) return [];
    const group = groupLabel(code);
    return [{ group, code, items: [{ value: `${code}.`, label: allOfGroup(group) }, ...items] }];
  });
}
