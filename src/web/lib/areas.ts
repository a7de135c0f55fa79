/** Where each portal area lives and which `nav.*` label names it. */
export const AREAS = {
  dashboard: { path: '/', label: 'nav.dashboard' },
  cases: { path: '/cases', label: 'nav.cases' },
  keys: { path: '/keys', label: 'nav.keys' },
  invoices: { path: '/invoices', label: 'nav.invoices' },
  downloads: { path: '/downloads', label: 'nav.downloads' },
  reports: { path: '/reports', label: 'nav.reports' },
  account: { path: '/account', label: 'nav.account' },
  console: { path: '/console', label: 'nav.console' },
} as const;

export type AreaKey = keyof typeof AREAS;
export type AreaLink = { key: AreaKey; path: string; label: (typeof AREAS)[AreaKey]['label'] };

function isAreaKey(key: string): key is AreaKey {
  return Object.hasOwn(AREAS, key);
}

/**
 * The navigation for the areas the server grants (`me.areas`), in the server's order. Keys this
 * build does not know yet are skipped, so a newer server cannot produce dead links.
 */
export function areaLinks(areas: readonly string[]): AreaLink[] {
  const seen = new Set<AreaKey>();
  const links: AreaLink[] = [];
  for (const key of areas) {
    if (!isAreaKey(key) || seen.has(key)) continue;
    seen.add(key);
    links.push({ key, ...AREAS[key] });
  }
  return links;
}

/** Whether `pathname` is inside the area at `areaPath` (the dashboard matches only itself). */
export function isInArea(pathname: string, areaPath: string): boolean {
  if (areaPath === '/') return pathname === '/';
  return pathname === areaPath || pathname.startsWith(`${areaPath}/`);
}
