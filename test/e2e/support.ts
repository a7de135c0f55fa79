import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';

export type Lang = 'de' | 'en';
export const LANGS: readonly Lang[] = ['de', 'en'];
/** The browser locale that makes the SPA start in each language (it reads navigator.languages). */
export const BROWSER_LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

export const DEMO_PASSWORD = 'portico-demo';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Messages = { [key: string]: string | Messages };
const MESSAGES: Record<Lang, Messages> = {
  de: JSON.parse(fs.readFileSync(path.join(ROOT, 'src/web/i18n/locales/de.json'), 'utf8')) as Messages,
  en: JSON.parse(fs.readFileSync(path.join(ROOT, 'src/web/i18n/locales/en.json'), 'utf8')) as Messages,
};

/** A feature's own namespace (`src/web/features/<ns>/i18n/<lang>.json`), read once. */
const FEATURE_MESSAGES = new Map<string, Messages>();
function featureMessages(ns: string, lang: Lang): Messages {
  const file = path.join(ROOT, 'src/web/features', ns, 'i18n', `${lang}.json`);
  let messages = FEATURE_MESSAGES.get(file);
  if (!messages) {
    messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Messages;
    FEATURE_MESSAGES.set(file, messages);
  }
  return messages;
}

/**
 * The UI string `key` in `lang`, straight from the web app's locale files, with `{{vars}}` filled
 * in. `ns:key` reads a feature's namespace (`keys:list.title`). Plural keys take `count` and pick
 * `_one` or `_other` the way i18next does for German and English.
 */
export function t(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  const [ns, keyPath] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [null, key];
  const lookup = (parts: string[]) => {
    let node: string | Messages | undefined = ns ? featureMessages(ns, lang) : MESSAGES[lang];
    for (const part of parts) node = typeof node === 'object' ? node[part] : undefined;
    return node;
  };
  const parts = keyPath.split('.');
  let node = lookup(parts);
  if (typeof node !== 'string' && vars.count !== undefined) {
    node = lookup([...parts.slice(0, -1), `${parts.at(-1)}_${vars.count === '1' ? 'one' : 'other'}`]);
  }
  if (typeof node !== 'string') throw new Error(`no string ${key} in ${ns ? `features/${ns}/i18n` : 'locales'}/${lang}.json`);
  return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${key} needs {{${name}}}`);
    return value;
  });
}

export type Area = 'dashboard' | 'cases' | 'keys' | 'invoices' | 'downloads' | 'reports' | 'account' | 'console';

export type DemoUser = {
  email: string;
  name: string;
  /** For the dashboard line "account, role": the customer role's i18n key, or the staff role's. */
  roleKey: string;
  staff: boolean;
  /** The navigation entries this role must see, in order, and no others. */
  areas: readonly Area[];
};

// Every customer role reads some keys (all, its key groups' or its own); staff handle keys in the console.
const CUSTOMER_AREAS: readonly Area[] = ['dashboard', 'cases', 'keys', 'downloads', 'reports', 'account'];
// Admins and users with the billing flag also read the invoices.
const BILLING_AREAS: readonly Area[] = ['dashboard', 'cases', 'keys', 'invoices', 'downloads', 'reports', 'account'];
const STAFF_AREAS: readonly Area[] = ['dashboard', 'account', 'console'];

export const DEMO_ACCOUNT = 'Beispiel Analytics GmbH';
export const SECOND_ACCOUNT = 'Nordlicht Software AG';

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@beispiel.example', name: 'Anna Admin', roleKey: 'roles.customer.admin', staff: false, areas: BILLING_AREAS },
  { email: 'keys@beispiel.example', name: 'Karl Schlüssel', roleKey: 'roles.customer.key_manager', staff: false, areas: CUSTOMER_AREAS },
  { email: 'member@beispiel.example', name: 'Mia Mitglied', roleKey: 'roles.customer.member', staff: false, areas: CUSTOMER_AREAS },
  { email: 'agent@portico.example', name: 'Sam Support', roleKey: 'roles.staff.agent', staff: true, areas: STAFF_AREAS },
  { email: 'staff-admin@portico.example', name: 'Alex Staff-Admin', roleKey: 'roles.staff.admin', staff: true, areas: STAFF_AREAS },
];

export function demoUser(email: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`unknown demo user ${email}`);
  return user;
}

/** The main navigation landmark of the signed-in shell. */
export function mainNav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: t(lang, 'app.mainNavigation') });
}

/**
 * A form field's label as a whole: "Passwort" must not also match the password field's "Passwort
 * anzeigen" toggle; a required field's label may end in Mantine's asterisk.
 */
export function fieldLabel(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
}

/** Fills and submits the login form (the page must show it). */
export async function submitLogin(page: Page, lang: Lang, email: string, password = DEMO_PASSWORD) {
  const form = page.getByRole('form', { name: t(lang, 'login.title') });
  await form.getByLabel(fieldLabel(t(lang, 'login.email'))).fill(email);
  await form.getByLabel(fieldLabel(t(lang, 'login.password'))).fill(password);
  await form.getByRole('button', { name: t(lang, 'login.submit'), exact: true }).click();
}

/** Signs in through the login page (at `path`, default /login) and waits until the app left it. */
export async function loginViaUi(page: Page, lang: Lang, email: string, path = '/login') {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'login.title') })).toBeVisible();
  await submitLogin(page, lang, email);
  await page.waitForURL((url) => url.pathname !== '/login');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * Signs in through the API, as the SPA does, so a test that is not about the login page starts
 * signed in. The context's cookie jar keeps the session cookie.
 */
export async function loginViaApi(context: BrowserContext, baseURL: string, email: string) {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: new URL(baseURL).origin },
  });
  expect(res.status(), `login as ${email}: ${await res.text()}`).toBe(200);
}

/** Logs out through the user menu; the app must land on the login page. */
export async function logoutViaUi(page: Page, lang: Lang, user: DemoUser) {
  await page.getByRole('button', { name: t(lang, 'header.userMenu', { name: user.name }) }).click();
  await page.getByRole('menuitem', { name: t(lang, 'header.logout'), exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'login.title') })).toBeVisible();
}

/** A new browser context in `lang` (browser locale), optionally signed in as `email`. */
export async function newSession(
  browser: Browser,
  {
    lang,
    baseURL,
    email,
    width = 1280,
    colorScheme = 'light',
  }: { lang: Lang; baseURL: string; email?: string; width?: number; colorScheme?: 'light' | 'dark' },
) {
  const context = await browser.newContext({
    baseURL,
    colorScheme,
    locale: BROWSER_LOCALE[lang],
    viewport: { width, height: width < 600 ? 780 : 800 },
  });
  if (email) await loginViaApi(context, baseURL, email);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Runs axe (every rule it enables by default: WCAG 2.0–2.2 A/AA and best practices) on the page as
 * it is now and fails with a readable list of the violations. `page` must come from a context made
 * with browser.newContext(), which the default `page` fixture and newSession() both are.
 */
export async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  const lines = results.violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`),
  ]);
  if (lines.length) {
    await test.info().attach(`axe-${slug(what)}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  expect(lines, `axe violations on ${what} (${page.url()}):\n${lines.join('\n')}`).toEqual([]);
}

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

/**
 * Screenshots are for people to look at, not assertions: taken on every local run, skipped under CI
 * (where nobody opens them and they cost about half a second each) unless E2E_SCREENSHOTS=1.
 */
const TAKE_SCREENSHOTS = process.env.E2E_SCREENSHOTS ? process.env.E2E_SCREENSHOTS !== '0' : !process.env.CI;

/**
 * A screenshot under test-results/screenshots/<name>.png: the full page by default; `viewport` for
 * a dialog as the user sees it (a full-page shot would unroll the page behind it); a locator for
 * one region.
 */
export async function screenshot(target: Page | Locator, name: string, { viewport = false } = {}) {
  if (!TAKE_SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${slug(name)}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: !viewport });
  else await target.screenshot({ path: file });
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Makes the session behind the context's cookie expire on the server, as if it had been idle too
 * long, by writing the server's SQLite database (the e2e server runs on its own data directory).
 */
export async function expireSession(context: BrowserContext) {
  const dataDir = process.env.PORTICO_E2E_DATA_DIR;
  if (!dataDir) throw new Error('PORTICO_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('portico_session'));
  if (!cookie) throw new Error('no session cookie in this context');
  const tokenHash = createHash('sha256').update(cookie.value).digest('hex');
  const db = new Database(path.join(dataDir, 'portico.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const past = new Date(Date.now() - 60_000).toISOString();
    const changed = db.prepare('UPDATE sessions SET idle_expires_at = ? WHERE token_hash = ?').run(past, tokenHash).changes;
    if (changed !== 1) throw new Error(`expected to expire one session, changed ${changed}`);
  } finally {
    db.close();
  }
}
