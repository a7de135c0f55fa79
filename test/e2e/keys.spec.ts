import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import {
  createLicenseClient,
  offlineActivationRequest,
  offlineDeactivationRequest,
  readLicenseFile,
  verifyLicense,
} from '../../src/client/license-client.js';
import {
  BROWSER_LOCALE,
  expectNoAxeViolations,
  fieldLabel,
  LANGS,
  type Lang,
  loginViaApi,
  mainNav,
  newSession,
  screenshot,
  t,
} from './support.js';

// Product Keys in the browser, in German, on the demo data (src/server/db/seed-demo-keys.ts):
// Beispiel Analytics GmbH has the key groups "Zentrale Berlin" (managed by keys@beispiel.example),
// "Niederlassung München" and "Vertrieb"; member@beispiel.example has one key assigned.
// The tests run in parallel on one server, so each changes keys no other test looks at.

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

type ApiKey = {
  id: string;
  licenseKey: string;
  licenseKeyMasked: boolean;
  seats: number;
  seatsUsed: number;
  version: number;
  keyGroup: { id: string; name: string } | null;
};

/** A string of the Product Keys area in German. */
const k = (key: string, vars: Record<string, string> = {}) => t('de', `keys:${key}`, vars);
const kIn = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `keys:${key}`, vars);

/** A signed-in API client (its own browser context) for arranging and checking data. */
async function apiAs(browser: Browser, baseURL: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await loginViaApi(context, baseURL, email);
  return context;
}

/** The keys the signed-in user sees for a list query (`q=…`, `keyGroup=…`). */
async function listKeys(context: BrowserContext, query: string): Promise<ApiKey[]> {
  const res = await context.request.get(`/api/v1/keys?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: ApiKey[] }).data;
}

async function onlyKey(context: BrowserContext, query: string): Promise<ApiKey> {
  const keys = await listKeys(context, query);
  expect(keys, `exactly one key for ${query}`).toHaveLength(1);
  return keys[0] as ApiKey;
}

async function keyGroupId(context: BrowserContext, name: string): Promise<string> {
  const res = await context.request.get('/api/v1/keys/facets');
  const { data } = (await res.json()) as { data: { keyGroups: { id: string; name: string }[] } };
  const group = data.keyGroups.find((candidate) => candidate.name === name);
  if (!group) throw new Error(`no key group ${name}`);
  return group.id;
}

/** The data rows of the key list (the table on wide screens). */
function keyRows(page: Page): Locator {
  return page.getByRole('region', { name: k('list.table') }).locator('tbody tr');
}

/** A card of the key page, found by its heading. */
function card(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The CLI as a vendor's software would run it; resolves with its exit code and output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/client/cli.ts', ...args], {
      cwd: ROOT,
      timeout: 45_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

test.describe('Product Keys', () => {
  test.use({ locale: BROWSER_LOCALE.de });

  test('an admin assigns a key to an end user and moves it to a key group', async ({ page, context, browser, baseURL }) => {
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'admin@beispiel.example');
    const api = await apiAs(browser, base, 'admin@beispiel.example');
    try {
      // The Analytics Server Enterprise key is the one key of the account without a key group.
      const target = await onlyKey(api, 'keyGroup=none');

      await page.goto('/');
      await mainNav(page, 'de').getByRole('link', { name: t('de', 'nav.keys') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'nav.keys'));
      // As many rows as the API lists (other specs may add keys to the demo account).
      await expect(keyRows(page)).toHaveCount((await listKeys(api, 'limit=100')).length);

      // Filters live in the address: a reload (or a bookmark) shows the same view.
      await page.getByLabel(k('list.keyGroup'), { exact: true }).selectOption({ label: k('list.noKeyGroup') });
      await expect(page).toHaveURL(/\/keys\?keyGroup=none$/);
      await expect(keyRows(page)).toHaveCount(1);
      await page.reload();
      await expect(page.getByLabel(k('list.keyGroup'), { exact: true })).toHaveValue('none');
      await expect(keyRows(page)).toHaveCount(1);
      await expect(page.getByRole('link', { name: k('list.export') })).toHaveAttribute(
        'href',
        '/api/v1/keys?format=csv&keyGroup=none',
      );

      await keyRows(page).getByRole('link', { name: target.licenseKey }).click();
      await expect(page).toHaveURL(new RegExp(`/keys/${target.id}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beispiel Analytics Server Enterprise');
      const assignment = card(page, k('assignment.title'));
      await expect(assignment.getByText(k('assignment.nobody'))).toBeVisible();

      // Meanwhile someone else assigns the key: the page's version is stale (If-Match → 412).
      const res = await api.request.patch(`/api/v1/keys/${target.id}`, {
        headers: { 'if-match': `"${target.version}"`, origin: new URL(base).origin },
        data: { assignedTo: { name: 'Max Zwischendurch', email: 'max@beispiel.example' } },
      });
      expect(res.status(), await res.text()).toBe(200);

      // Admins may invite the end user to the portal; this test leaves the account's users alone.
      await expect(assignment.getByRole('checkbox', { name: k('assignment.invite') })).toBeVisible();
      await assignment.getByRole('radio', { name: k('assignment.kinds.endUser') }).check();
      await assignment.getByLabel(fieldLabel(k('assignment.name'))).fill('Erika Muster');
      await assignment.getByLabel(fieldLabel(k('assignment.email'))).fill('erika.muster@beispiel.example');
      await assignment.getByRole('button', { name: k('assignment.submit'), exact: true }).click();
      await expect(assignment.getByRole('alert')).toContainText(k('errors.changedMeanwhile'));
      await assignment.getByRole('button', { name: k('assignment.reload') }).click();
      await expect(assignment.getByText('Max Zwischendurch <max@beispiel.example>')).toBeVisible();

      await assignment.getByLabel(fieldLabel(k('assignment.name'))).fill('Erika Muster');
      await assignment.getByLabel(fieldLabel(k('assignment.email'))).fill('erika.muster@beispiel.example');
      await assignment.getByRole('button', { name: k('assignment.submit'), exact: true }).click();
      await expect(assignment.getByRole('status')).toHaveText(k('assignment.assigned'));
      await expect(assignment.getByText('Erika Muster <erika.muster@beispiel.example>')).toBeVisible();

      await assignment.getByLabel(k('group.target')).selectOption({ label: 'Vertrieb' });
      await assignment.getByRole('button', { name: k('group.submit'), exact: true }).click();
      await expect(assignment.getByRole('status')).toHaveText(k('group.moved'));
      const details = card(page, 'Beispiel Analytics Server Enterprise');
      await expect(details.getByText('Vertrieb', { exact: true })).toBeVisible();
      await expect(details.getByText('Erika Muster, erika.muster@beispiel.example')).toBeVisible();

      // Back to the list with the filters it came from: the key has left "no key group".
      await page.getByRole('link', { name: k('key.back') }).click();
      await expect(page).toHaveURL(/\/keys\?keyGroup=none$/);
      await expect(page.getByText(k('list.emptyFiltered'))).toBeVisible();
      await page.getByLabel(k('list.keyGroup'), { exact: true }).selectOption({ label: 'Vertrieb' });
      await expect(keyRows(page)).toHaveCount(2);
      await expect(keyRows(page).filter({ hasText: 'Erika Muster' })).toHaveCount(1);

      const saved = (await (await api.request.get(`/api/v1/keys/${target.id}`)).json()) as {
        data: { assignedTo: unknown; keyGroup: { name: string } };
      };
      expect(saved.data.assignedTo).toEqual({ name: 'Erika Muster', email: 'erika.muster@beispiel.example', userId: null });
      expect(saved.data.keyGroup.name).toBe('Vertrieb');
    } finally {
      await api.close();
    }
  });

  test('an admin assigns several keys at once to a portal user, from the keyboard', async ({ page, context, baseURL }) => {
    await loginViaApi(context, baseURL ?? '', 'admin@beispiel.example');
    // The three unassigned keys of Niederlassung München.
    await page.goto('/keys?filter=unassigned');
    await page.getByLabel(k('list.keyGroup'), { exact: true }).selectOption({ label: 'Niederlassung München' });
    await expect(page).toHaveURL(/filter=unassigned&keyGroup=kgr_/);
    await expect(keyRows(page)).toHaveCount(3);

    const selectAll = page.getByRole('checkbox', { name: k('bulk.selectAll') });
    await selectAll.focus();
    await page.keyboard.press('Space');
    await expect(page.getByText(k('bulk.selected', { count: '3' }))).toBeVisible();
    await page.getByRole('button', { name: k('bulk.assign') }).click();

    const dialog = page.getByRole('dialog', { name: k('bulk.assignTitle', { count: '3' }) });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: k('assignment.kinds.user') }).check();
    // The portal user is searched for on the server, then picked from the keyboard.
    const picker = dialog.getByRole('combobox', { name: fieldLabel(k('assignment.user')) });
    await picker.fill('admin@');
    // Wait for the server's answer to replace the first list (everybody) before using the keys.
    await expect(dialog.getByRole('listbox').getByRole('option')).toHaveText(['Anna Admin (admin@beispiel.example)']);
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await expect(picker).toHaveValue('Anna Admin (admin@beispiel.example)');
    await dialog.getByRole('button', { name: k('assignment.submit'), exact: true }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: k('bulk.assigned', { count: '3' }) })).toBeVisible();
    // Both are assigned now, so the "unassigned" view of München is empty.
    await expect(page.getByText(k('list.emptyFiltered'))).toBeVisible();
    await page.getByLabel(k('list.show')).selectOption({ label: k('list.filters.all') });
    await expect(keyRows(page).filter({ hasText: 'Anna Admin' })).toHaveCount(3);
  });

  test('an admin assigns a key to a portal user found by search and moves it; the activity says so in German', async ({ page, context, browser, baseURL }) => {
    const base = baseURL ?? '';
    const origin = { origin: new URL(base).origin };
    const staff = await apiAs(browser, base, 'staff-admin@portico.example');
    const admin = await apiAs(browser, base, 'admin@beispiel.example');
    try {
      // A key of its own, issued by staff into a group of its own, so no other test's keys change.
      const group = async (name: string) => {
        const res = await admin.request.post('/api/v1/key-groups', { headers: origin, data: { name } });
        expect(res.status(), await res.text()).toBe(201);
        return ((await res.json()) as { data: { id: string } }).data.id;
      };
      const [from] = [await group('E2E Suche'), await group('E2E Ziel')];
      const accountId = ((await (await admin.request.get('/api/v1/account')).json()) as { data: { id: string } }).data.id;
      const products = ((await (await staff.request.get('/api/v1/staff/products')).json()) as { data: { id: string; name: string }[] }).data;
      // Not Beispiel Prep: the offline test finds its key by that product's name.
      const server = products.find((p) => p.name === 'Beispiel Analytics Server');
      const issued = await staff.request.post('/api/v1/staff/keys', {
        headers: origin,
        data: { accountId, productId: server?.id, seats: 1, term: 'perpetual', keyGroupId: from },
      });
      expect(issued.status(), await issued.text()).toBe(201);
      const [keyId] = ((await issued.json()) as { data: { keyIds: string[] } }).data.keyIds;

      await loginViaApi(context, base, 'admin@beispiel.example');
      await page.goto(`/keys/${keyId}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beispiel Analytics Server');
      const assignment = card(page, k('assignment.title'));
      await assignment.getByRole('radio', { name: k('assignment.kinds.user') }).check();
      const picker = assignment.getByRole('combobox', { name: fieldLabel(k('assignment.user')) });
      // Only active users of this account answer: nobody from Nordlicht, whatever the search.
      await picker.fill('nordlicht');
      await expect(page.getByText(k('assignment.noUsers'))).toBeVisible();
      await picker.fill('anna');
      await page.getByRole('option', { name: 'Anna Admin (admin@beispiel.example)' }).click();
      await expect(picker).toHaveValue('Anna Admin (admin@beispiel.example)');
      await assignment.getByRole('button', { name: k('assignment.submit'), exact: true }).click();
      await expect(assignment.getByRole('status')).toHaveText(k('assignment.assigned'));
      await expect(assignment.getByText('Anna Admin <admin@beispiel.example>')).toBeVisible();

      // Moved together with others from the list: audited as a move, not as an assignment.
      await page.goto(`/keys?keyGroup=${from}`);
      await expect(keyRows(page)).toHaveCount(1);
      await keyRows(page).first().getByRole('checkbox').check();
      await page.getByRole('button', { name: k('bulk.move') }).click();
      const dialog = page.getByRole('dialog', { name: k('bulk.moveTitle', { count: '1' }) });
      await dialog.getByLabel(k('group.target')).selectOption({ label: 'E2E Ziel' });
      await dialog.getByRole('button', { name: k('group.submit'), exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: k('bulk.moved', { count: '1' }) })).toBeVisible();

      await page.goto('/account/activity');
      const activity = page.getByRole('region', { name: t('de', 'account.activity.table') });
      await expect(activity.getByText(t('de', 'account.activity.actions.key.moved')).first()).toBeVisible();
      await expect(activity.getByText(t('de', 'account.activity.actions.key.assigned')).first()).toBeVisible();
      await expect(activity.getByText(t('de', 'account.activity.actions.key.issued')).first()).toBeVisible();
      // No action code is ever shown as it is.
      await expect(activity.getByText(/^(key|key_group|product)\.[a-z_]+$/)).toHaveCount(0);
      await screenshot(page, 'keys-activity-de-1280');
    } finally {
      await staff.close();
      await admin.close();
    }
  });

  test('an admin creates, renames and deletes a key group', async ({ page, context, baseURL }) => {
    await loginViaApi(context, baseURL ?? '', 'admin@beispiel.example');
    await page.goto('/keys');
    await page.getByRole('navigation', { name: k('sections') }).getByRole('link', { name: k('tabs.groups') }).click();
    await expect(page).toHaveURL(/\/keys\/groups$/);
    const groups = page.getByRole('region', { name: k('groups.table') });
    await expect(groups.getByRole('row', { name: /Zentrale Berlin/ })).toContainText('Karl Schlüssel');

    await page.getByLabel(fieldLabel(k('groups.createName'))).fill('Vertrieb');
    await page.getByRole('button', { name: k('groups.createSubmit') }).click();
    await expect(page.getByText(k('errors.groupNameTaken'))).toBeVisible();

    await page.getByLabel(fieldLabel(k('groups.createName'))).fill('Testlabor Hamburg');
    await page.getByRole('button', { name: k('groups.createSubmit') }).click();
    await expect(page.getByRole('status').filter({ hasText: k('groups.created', { name: 'Testlabor Hamburg' }) })).toBeVisible();
    await expect(groups.getByRole('row', { name: /Testlabor Hamburg/ })).toBeVisible();

    await page.getByRole('button', { name: k('groups.renameLabel', { name: 'Testlabor Hamburg' }) }).click();
    const rename = page.getByRole('dialog', { name: k('groups.renameTitle') });
    await rename.getByLabel(fieldLabel(k('groups.newName'))).fill('Labor Hamburg');
    await rename.getByRole('button', { name: t('de', 'common.save') }).click();
    await expect(rename).toBeHidden();
    await expect(groups.getByRole('row', { name: /Labor Hamburg/ })).toBeVisible();
    await expect(groups.getByRole('row', { name: /Testlabor Hamburg/ })).toHaveCount(0);

    await page.getByRole('button', { name: k('groups.deleteLabel', { name: 'Labor Hamburg' }) }).click();
    const confirm = page.getByRole('dialog', { name: k('groups.deleteTitle') });
    await expect(confirm).toContainText(k('groups.deleteText', { name: 'Labor Hamburg', count: '0' }));
    // The harmless choice has the focus.
    await expect(confirm.getByRole('button', { name: k('common.cancel') })).toBeFocused();
    await confirm.getByRole('button', { name: k('groups.deleteConfirm') }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: k('groups.deleted', { name: 'Labor Hamburg' }) })).toBeVisible();
    await expect(groups.getByRole('row', { name: /Labor Hamburg/ })).toHaveCount(0);
  });

  test('the key manager sees only the keys of their group and the one assigned to them', async ({ page, context, browser, baseURL }) => {
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'keys@beispiel.example');
    await page.goto('/keys');
    await expect(keyRows(page)).toHaveCount(4);
    await expect(keyRows(page).filter({ hasText: 'Zentrale Berlin' })).toHaveCount(3);
    const own = keyRows(page).filter({ hasText: 'Vertrieb' });
    await expect(own).toHaveCount(1);
    await expect(own).toContainText('Karl Schlüssel');
    await expect(page.getByText(/Niederlassung München/)).toHaveCount(0);

    // The filter offers the group they manage and the group of the key assigned to them, nothing else.
    const groupFilter = page.getByLabel(k('list.keyGroup'), { exact: true });
    await expect(groupFilter.locator('option')).toHaveText([k('list.allKeyGroups'), 'Vertrieb', 'Zentrale Berlin', k('list.noKeyGroup')]);
    await groupFilter.selectOption({ label: 'Vertrieb' });
    await expect(keyRows(page)).toHaveCount(1);
    await groupFilter.selectOption({ label: k('list.allKeyGroups') });
    await expect(keyRows(page)).toHaveCount(4);

    // The CSV export holds exactly the keys of the list.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: k('list.export') }).click();
    const csv = fs.readFileSync((await (await downloading).path()) as string, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(5);
    expect(lines.filter((line) => line.includes('Niederlassung München'))).toEqual([]);

    // Key managers assign the keys of their group (to end users or portal users, without invitations) but don't move them.
    await expect(page.getByRole('checkbox', { name: k('bulk.selectAll') })).toBeVisible();
    await keyRows(page).filter({ hasText: 'Jonas Weber' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beispiel Analytics Desktop Creator');
    const assignment = card(page, k('assignment.title'));
    await expect(assignment).toBeVisible();
    await expect(assignment.getByRole('radio')).toHaveCount(2);
    await expect(assignment.getByRole('checkbox', { name: k('assignment.invite') })).toHaveCount(0);
    await expect(assignment.getByLabel(k('group.target'))).toHaveCount(0);

    // The key assigned to them in another group: full key to copy, nothing to manage.
    await page.getByRole('link', { name: k('key.back') }).click();
    await keyRows(page).filter({ hasText: 'Vertrieb' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beispiel Analytics Server Standard');
    await expect(page.getByRole('button', { name: k('key.copy') })).toBeVisible();
    await expect(card(page, k('assignment.title'))).toHaveCount(0);
    await expect(card(page, k('offline.title'))).toHaveCount(0);
    await expect(page.getByRole('button', { name: k('activations.release') })).toHaveCount(0);

    // A key outside their scope does not exist for them.
    const admin = await apiAs(browser, base, 'admin@beispiel.example');
    try {
      const [munich] = await listKeys(admin, `keyGroup=${await keyGroupId(admin, 'Niederlassung München')}`);
      expect(munich).toBeDefined();
      await page.goto(`/keys/${munich?.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'notFound.title'));
    } finally {
      await admin.close();
    }
  });

  test('the member sees only their own key and asks for a maintenance renewal', async ({ page, context, baseURL }) => {
    await loginViaApi(context, baseURL ?? '', 'member@beispiel.example');
    await page.goto('/keys');
    await expect(keyRows(page)).toHaveCount(1);
    await expect(keyRows(page)).toContainText('Mia Mitglied');
    // Their key in full, with a copy button; no masked keys of others; nothing to select or manage.
    await expect(page.getByText('•', { exact: false })).toHaveCount(0);
    await expect(keyRows(page).getByRole('button', { name: k('key.copy') })).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: k('sections') })).toHaveCount(0);

    await keyRows(page).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beispiel Analytics Desktop Creator');
    const history = card(page, k('activations.title'));
    await expect(history.getByRole('region', { name: k('activations.table') }).locator('tbody tr')).toHaveCount(3);
    await expect(history.getByRole('region', { name: k('activations.table') }).getByText('MAC-MIA', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: k('activations.release') })).toHaveCount(0);
    await expect(card(page, k('assignment.title'))).toHaveCount(0);
    await expect(card(page, k('offline.title'))).toHaveCount(0);
    // Last used version beside the latest release.
    const version = card(page, k('version.title'));
    await expect(version).toContainText('2026.3');
    await expect(version).toContainText(k('version.upToDate'));

    const maintenance = card(page, k('maintenance.title'));
    await maintenance.getByRole('button', { name: t('de', 'renewal.request') }).click();
    const dialog = page.getByRole('dialog', { name: t('de', 'renewal.title') });
    await dialog.getByLabel(t('de', 'renewal.message')).fill('Bitte um Verlängerung für zwei weitere Jahre.');
    await dialog.getByRole('button', { name: t('de', 'renewal.submit') }).click();
    await expect(dialog).toBeHidden();
    // The request is a Kundendienst case about the key, tracked under Fälle.
    await expect(maintenance.getByRole('status')).toHaveText(/\d{8}/);
    const number = ((await maintenance.getByRole('status').textContent()) ?? '').match(/\d{8}/)![0];
    await expect(maintenance.getByRole('status')).toHaveText(t('de', 'renewal.sent', { number }));
    await maintenance.getByRole('link', { name: t('de', 'renewal.openCase', { number }) }).click();
    await expect(page).toHaveURL(/\/cases\/cas_/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/^Wartung verlängern: /);
    await expect(page.getByText('Bitte um Verlängerung für zwei weitere Jahre.')).toBeVisible();
  });

  test('an offline activation round trip: request file in, signed licence file out, and back', async ({ page, context, browser, baseURL }) => {
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'admin@beispiel.example');
    const api = await apiAs(browser, base, 'admin@beispiel.example');
    let prep: ApiKey;
    try {
      prep = await onlyKey(api, 'q=Beispiel%20Prep');
    } finally {
      await api.close();
    }
    const machine = { fingerprint: 'e2e-offline-4711', hostname: 'OFFLINE-PC-01', os: 'Windows 11 Pro 24H2' };
    await page.goto(`/keys/${prep.id}`);
    const offline = card(page, k('offline.title'));
    const fileInput = offline.getByLabel(fieldLabel(k('offline.file')));
    const send = offline.getByRole('button', { name: k('offline.submit') });

    // Something that is no request file is refused with a clear message.
    await fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a request') });
    await send.click();
    await expect(offline.getByRole('alert')).toHaveText(k('errors.badRequestFile'));

    const request = offlineActivationRequest(prep.licenseKey, machine, '2026.2');
    await fileInput.setInputFiles({
      name: 'activation-request.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(request, null, 2)),
    });
    await send.click();
    await expect(offline.getByRole('status')).toHaveText(k('offline.activated'));

    const downloading = page.waitForEvent('download');
    await offline.getByRole('link', { name: k('offline.download') }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`license-${prep.id}.json`);
    const licence = readLicenseFile(fs.readFileSync((await download.path()) as string, 'utf8'));
    const publicKeys = await createLicenseClient({ baseUrl: base }).publicKeys();
    const verified = verifyLicense(licence.certificate, publicKeys, machine.fingerprint);
    expect(verified.valid, JSON.stringify(verified)).toBe(true);
    expect(verifyLicense(licence.certificate, publicKeys, 'another-machine-0001').valid).toBe(false);

    const history = card(page, k('activations.title'));
    const row = history.getByRole('region', { name: k('activations.table') }).locator('tbody tr').filter({ hasText: 'OFFLINE-PC-01' });
    await expect(row).toContainText(k('activations.methods.offline'));
    await expect(row).toContainText(k('activations.by', { name: 'Anna Admin' }));
    await expect(row).toContainText(k('activations.statuses.active'));

    // The software gives the seat back with a deactivation file.
    const giveBack = offlineDeactivationRequest(prep.licenseKey, machine, licence.certificate);
    await fileInput.setInputFiles({
      name: 'deactivation-request.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(giveBack)),
    });
    await send.click();
    await expect(offline.getByRole('status')).toHaveText(k('offline.deactivated'));
    await expect(row).toContainText(k('activations.deactivations.offline'));
    await expect(row).toContainText(k('activations.statuses.deactivated'));
  });

  test('a seat released in the portal frees the seat for the CLI', async ({ page, context, browser, baseURL }) => {
    test.setTimeout(150_000);
    const base = baseURL ?? '';
    const manager = await apiAs(browser, base, 'keys@beispiel.example');
    let jonas: ApiKey;
    try {
      // Jonas Weber's key (Zentrale Berlin): both seats are in use.
      jonas = await onlyKey(manager, 'q=jonas.weber');
    } finally {
      await manager.close();
    }
    expect([jonas.seatsUsed, jonas.seats]).toEqual([2, 2]);
    const activate = ['activate', '--server', base, '--key', jonas.licenseKey, '--fingerprint', 'e2e-cli-machine-0815', '--version', '2026.3'];

    const full = await cli(activate);
    expect(full.code, full.stderr).toBe(2);
    expect(full.stderr).toContain('license.no_seats_left');

    await loginViaApi(context, base, 'keys@beispiel.example');
    await page.goto(`/keys/${jonas.id}`);
    const history = card(page, k('activations.title'));
    await history.getByRole('button', { name: k('activations.releaseLabel', { machine: 'WS-JW-11' }) }).click();
    const confirm = page.getByRole('dialog', { name: k('activations.releaseTitle') });
    await expect(confirm).toContainText(k('activations.releaseText', { machine: 'WS-JW-11' }));
    await confirm.getByRole('button', { name: k('activations.releaseConfirm') }).click();
    await expect(confirm).toBeHidden();
    await expect(history.getByRole('status')).toHaveText(k('activations.released', { count: '4' }));
    const released = history.getByRole('region', { name: k('activations.table') }).locator('tbody tr').filter({ hasText: 'WS-JW-11' });
    await expect(released).toContainText(k('activations.deactivations.portal_release'));
    await expect(released).toContainText(k('activations.by', { name: 'Karl Schlüssel' }));

    // A second release right away meets the cooldown, explained in words and minutes.
    await history.getByRole('button', { name: k('activations.releaseLabel', { machine: 'WS-JW-12' }) }).click();
    await confirm.getByRole('button', { name: k('activations.releaseConfirm') }).click();
    await expect(confirm.getByRole('alert')).toHaveText(k('errors.releaseCooldown', { count: '60' }));
    await confirm.getByRole('button', { name: k('common.cancel') }).click();

    const freed = await cli(activate);
    expect(freed.code, freed.stderr).toBe(0);
    expect(freed.stderr).toContain('Activated');

    await page.reload();
    const header = card(page, 'Beispiel Analytics Desktop Creator');
    await expect(header).toContainText(k('list.seatsLabel', { used: '2', total: '2' }));
    await expect(history.getByRole('region', { name: k('activations.table') }).locator('tbody tr')).toHaveCount(4);
  });
});

// axe and screenshots of every Product Keys page, in both languages, on a desktop and a phone.
type PageCase = {
  name: string;
  as: string;
  path: (ids: Record<string, string>) => string;
  heading: (lang: Lang) => { level: number; name: string };
};

const PAGES: readonly PageCase[] = [
  { name: 'keys-list', as: 'admin@beispiel.example', path: () => '/keys', heading: (l) => ({ level: 2, name: kIn(l, 'list.title') }) },
  {
    name: 'keys-groups',
    as: 'admin@beispiel.example',
    path: () => '/keys/groups',
    heading: (l) => ({ level: 2, name: kIn(l, 'groups.title') }),
  },
  {
    name: 'keys-key',
    as: 'admin@beispiel.example',
    path: (ids) => `/keys/${ids.member}`,
    heading: () => ({ level: 1, name: 'Beispiel Analytics Desktop Creator' }),
  },
  {
    name: 'keys-list-member',
    as: 'member@beispiel.example',
    path: () => '/keys',
    heading: (l) => ({ level: 2, name: kIn(l, 'list.title') }),
  },
];

test.describe('Product Keys pages', () => {
  let ids: Record<string, string> = {};
  test.beforeAll(async ({ browser, baseURL }) => {
    const api = await apiAs(browser, baseURL ?? '', 'admin@beispiel.example');
    try {
      ids = { member: (await onlyKey(api, 'q=member%40beispiel')).id };
    } finally {
      await api.close();
    }
  });

  for (const lang of LANGS) {
    for (const width of [1280, 360]) {
      for (const pageCase of PAGES) {
        test(`${pageCase.name} (${lang}, ${width} px) has no axe violations`, async ({ browser, baseURL }) => {
          // axe on a long list of cards takes a while on a busy two-core machine.
          test.setTimeout(120_000);
          const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', width, email: pageCase.as });
          try {
            await page.goto(pageCase.path(ids));
            await expect(page.getByRole('heading', { ...pageCase.heading(lang), exact: true })).toBeVisible({ timeout: 30_000 });
            await expect(page.locator('html')).toHaveAttribute('lang', lang);
            await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
            await page.waitForLoadState('networkidle');
            await screenshot(page, `${pageCase.name}-${lang}-${width}`);
            await expectNoAxeViolations(page, `${pageCase.name} (${lang}, ${width} px)`);
          } finally {
            await context.close();
          }
        });
      }
    }
  }

  test('the dialogs (bulk assignment, seat release) have no axe violations', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL ?? '', email: 'admin@beispiel.example' });
    try {
      await page.goto('/keys');
      await keyRows(page).first().getByRole('checkbox').check();
      await page.getByRole('button', { name: k('bulk.assign') }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'keys-bulk-dialog-de-1280', { viewport: true });
      await expectNoAxeViolations(page, 'bulk assignment dialog');
      // The portal user picker with its options open.
      await page.getByRole('dialog').getByRole('radio', { name: k('assignment.kinds.user') }).check();
      await page.getByRole('dialog').getByRole('combobox', { name: fieldLabel(k('assignment.user')) }).fill('a');
      await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
      await screenshot(page, 'keys-assignee-picker-de-1280', { viewport: true });
      await expectNoAxeViolations(page, 'portal user picker');
      // The first Escape closes the options, the second the dialog.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      await page.goto(`/keys/${ids.member}`);
      await page.getByRole('button', { name: k('activations.releaseLabel', { machine: 'MAC-MIA' }) }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await screenshot(page, 'keys-release-dialog-de-1280', { viewport: true });
      await expectNoAxeViolations(page, 'seat release dialog');
    } finally {
      await context.close();
    }
  });

  for (const lang of LANGS) {
    test(`the assignment with its user picker on a phone (${lang}, 360 px) has no axe violations`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', width: 360, email: 'admin@beispiel.example' });
      try {
        await page.goto(`/keys/${ids.member}`);
        const assignment = card(page, kIn(lang, 'assignment.title'));
        await assignment.getByRole('radio', { name: kIn(lang, 'assignment.kinds.user') }).check();
        await assignment.getByRole('combobox', { name: fieldLabel(kIn(lang, 'assignment.user')) }).fill('beispiel');
        // The demo account's people (other specs may have added more of @beispiel.example).
        const options = assignment.getByRole('listbox').getByRole('option');
        for (const name of ['Anna Admin', 'Karl Schlüssel', 'Mia Mitglied']) await expect(options.filter({ hasText: name })).toHaveCount(1);
        await assignment.scrollIntoViewIfNeeded();
        await screenshot(page, `keys-assignee-picker-${lang}-360`, { viewport: true });
        await expectNoAxeViolations(page, `user picker (${lang}, 360 px)`);
      } finally {
        await context.close();
      }
    });
  }

  test('the key page in dark mode (de, 1280 px) has no axe violations', async ({ browser, baseURL }) => {
    const { context, page } = await newSession(browser, {
      lang: 'de',
      baseURL: baseURL ?? '',
      colorScheme: 'dark',
      email: 'admin@beispiel.example',
    });
    try {
      await page.goto(`/keys/${ids.member}`);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'keys-key-de-1280-dark');
      await expectNoAxeViolations(page, 'key page in dark mode');
    } finally {
      await context.close();
    }
  });
});
