import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, type Lang, newSession, screenshot, t } from './support.js';

// Downloads, in German, on the demo data (src/server/db/seed-demo-releases.ts): Mia Mitglied's
// Desktop key covers every release; Nordlicht's Prep key (admin@nordlicht.example) ended its
// maintenance before the newer Prep releases. The staff test makes a product of its own, so no
// other spec sees its releases or keys change.

const RUN = Date.now().toString(36).slice(-6);
const d = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `downloads:${key}`, vars);
const k = (key: string, vars: Record<string, string> = {}) => t('de', `keys:${key}`, vars);
const r = (key: string, vars: Record<string, string> = {}) => t('de', `staff-releases:${key}`, vars);
const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

type ApiRelease = { id: string; version: string; channel: string; coverage: { covered: boolean; maintenanceEnd?: string | null }; artifacts: { id: string; fileName: string; sha256: string; platform: string; arch: string }[] };
type ApiProduct = { product: { name: string }; releases: ApiRelease[] };

async function downloadsOf(context: BrowserContext): Promise<ApiProduct[]> {
  const res = await context.request.get('/api/v1/downloads');
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: ApiProduct[] }).data;
}

/** A product's section, and a release's inside it (both are landmarks named by their headings). */
const productSection = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const releaseSection = (page: Page, product: string, version: string) => productSection(page, product).getByRole('region', { name: `${product} ${d('de', 'release.title', { version })}`, exact: true });

test('a member downloads the latest build for their platform and its checksum matches', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL ?? '', email: 'member@beispiel.example' });
  try {
    // The browser runs on Linux x64: the newest stable Desktop build for it is preselected.
    const desktop = (await downloadsOf(context)).find((p) => p.product.name === 'Beispiel Analytics Desktop')!;
    const newest = desktop.releases.find((rel) => rel.coverage.covered && rel.channel !== 'preview' && rel.artifacts.some((a) => a.platform === 'linux' && a.arch === 'x64'))!;
    const expected = newest.artifacts.find((a) => a.platform === 'linux' && a.arch === 'x64')!;
    await page.goto('/downloads');
    await expect(page.getByRole('heading', { level: 1, name: t('de', 'nav.downloads') })).toBeVisible();
    await expect(page.getByRole('combobox', { name: d('de', 'page.platform') })).toHaveValue(d('de', 'platforms.linux-x64'));
    const latest = page.getByTestId('latest-for-platform').first();
    await expect(latest).toContainText(d('de', 'latest.title', { platform: d('de', 'platforms.linux-x64') }));
    await expect(latest).toContainText(expected.fileName);

    const [download] = await Promise.all([page.waitForEvent('download'), latest.getByRole('button', { name: d('de', 'latest.download', { file: expected.fileName }) }).click()]);
    expect(download.suggestedFilename()).toBe(expected.fileName);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-dl-')), expected.fileName);
    await download.saveAs(saved);
    const sha = createHash('sha256').update(fs.readFileSync(saved)).digest('hex');
    // The file's checksum is the one the page shows beside it and the one the checksum file names.
    await expect(page.locator(`[data-artifact="${expected.id}"]`).getByTestId('sha256')).toHaveText(sha);
    const sum = await context.request.get(`/api/v1/downloads/${expected.id}/sha256`);
    expect(await sum.text()).toBe(`${sha}  ${expected.fileName}\n`);
    fs.rmSync(path.dirname(saved), { recursive: true, force: true });
  } finally {
    await context.close();
  }
});

test('a user whose maintenance ended sees why a newer release is not available, and may request a renewal', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL ?? '', email: 'admin@nordlicht.example' });
  try {
    const prep = (await downloadsOf(context)).find((p) => p.product.name === 'Beispiel Prep')!;
    const blocked = prep.releases.find((rel) => !rel.coverage.covered)!;
    const open = prep.releases.find((rel) => rel.coverage.covered)!;
    const ended = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(new Date(blocked.coverage.maintenanceEnd!));
    await page.goto('/downloads');
    const blockedSection = releaseSection(page, 'Beispiel Prep', blocked.version);
    await expect(blockedSection.getByTestId('not-covered')).toContainText(d('de', 'release.maintenanceEnded', { date: ended }));
    await expect(blockedSection.getByRole('button', { name: d('de', 'table.download') })).toHaveCount(0);
    await expect(blockedSection.getByRole('button', { name: t('de', 'renewal.request') })).toBeVisible();
    // The earlier release stays theirs.
    const openSection = releaseSection(page, 'Beispiel Prep', open.version);
    await expect(openSection.getByRole('button', { name: d('de', 'table.downloadFile', { file: open.artifacts[0]!.fileName }) })).toBeVisible();
    await screenshot(page, 'downloads-not-covered');
  } finally {
    await context.close();
  }
});

test('staff publish a release and the update hint appears on the key', async ({ browser, baseURL }) => {
  const base = baseURL ?? '';
  const staff = await newSession(browser, { lang: 'de', baseURL: base, email: 'staff-admin@portico.example' });
  const customer = await newSession(browser, { lang: 'de', baseURL: base, email: 'admin@nordlicht.example' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-release-'));
  try {
    const api = staff.context.request;
    const headers = origin(base);
    // A product of this run's own, a key of it for Nordlicht that last ran 1.0, and release 1.0.
    const product = await api.post('/api/v1/staff/products', { headers, data: { code: `e2e-dl-${RUN}`, name: `E2E Downloads ${RUN}` } });
    expect(product.status(), await product.text()).toBe(201);
    const productId = ((await product.json()) as { data: { id: string } }).data.id;
    const accounts = (await (await api.get('/api/v1/staff/accounts?q=Nordlicht')).json()) as { data: { id: string; name: string }[] };
    const accountId = accounts.data.find((a) => a.name === 'Nordlicht Software AG')!.id;
    const issued = await api.post('/api/v1/staff/keys', {
      headers,
      data: { accountId, productId, seats: 2, term: 'perpetual', maintenanceEnd: new Date(Date.now() + 365 * 86_400_000).toISOString() },
    });
    expect(issued.status(), await issued.text()).toBe(201);
    const keyId = ((await issued.json()) as { data: { keyIds: string[] } }).data.keyIds[0]!;
    const key = (await (await customer.context.request.get(`/api/v1/keys/${keyId}`)).json()) as { data: { licenseKey: string } };
    const activated = await customer.context.request.post('/api/v1/licensing/activate', {
      data: { key: key.data.licenseKey, fingerprint: `e2e-${RUN}-machine`, hostname: 'e2e-host', os: 'Ubuntu 24.04', version: '1.0' },
    });
    expect(activated.status(), await activated.text()).toBe(200);
    for (const version of ['1.0', '1.1']) {
      const created = await api.post('/api/v1/staff/releases', { headers, data: { productId, version, channel: 'stable', notes: `Version ${version}` } });
      expect(created.status(), await created.text()).toBe(201);
    }
    const keyPage = customer.page;
    await keyPage.goto(`/keys/${keyId}`);
    await expect(keyPage.getByRole('heading', { level: 2, name: k('version.title') })).toBeVisible();
    await expect(keyPage.getByTestId('update-hint')).toHaveCount(0);

    // In the console: upload the Linux build of 1.1 and publish it.
    const file = path.join(dir, `e2e-${RUN}-1.1-linux-x64.tar.gz`);
    fs.writeFileSync(file, randomBytes(64 * 1024));
    const page = staff.page;
    await page.goto(`/console/releases?product=${productId}`);
    const card = page.getByRole('region', { name: r('release.title', { version: '1.1' }), exact: true });
    await card.getByRole('combobox', { name: r('upload.platform') }).click();
    await page.getByRole('option', { name: r('platforms.linux-x64') }).click();
    await card.locator('input[type=file]').setInputFiles(file);
    const files = card.getByRole('list', { name: r('release.files', { version: '1.1' }) });
    await expect(files).toContainText(path.basename(file));
    // The checksum the server computed on completion is the file's.
    await expect(files.getByTestId('sha256')).toContainText(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    await card.getByRole('button', { name: r('release.publish') }).click();
    await expect(page.getByText(r('release.published', { version: '1.1' }))).toBeVisible();
    // The draft 1.0 is deleted: its card leaves the list, and the status line still says so.
    const draft = page.getByRole('region', { name: r('release.title', { version: '1.0' }), exact: true });
    await draft.getByRole('button', { name: r('release.delete') }).click();
    await expect(page.getByText(r('release.deleted', { version: '1.0' }))).toBeVisible();
    await expect(draft).toHaveCount(0);

    // The customer's key is one version behind now, with the Linux file to fetch.
    await keyPage.reload();
    const hint = keyPage.getByTestId('update-hint');
    await expect(hint).toContainText('1.1');
    await expect(keyPage.getByText(k('version.behind', { count: '1' }))).toBeVisible();
    await expect(hint.getByRole('button', { name: k('version.download', { file: path.basename(file) }) })).toBeVisible();
  } finally {
    await staff.context.close();
    await customer.context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const [lang, width] of [
  ['de', 360],
  ['en', 1280],
] as const) {
  test(`the downloads page is axe-clean at ${width} px (${lang})`, async ({ browser, baseURL }) => {
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'admin@nordlicht.example', width });
    try {
      await page.goto('/downloads');
      await expect(page.getByRole('heading', { level: 1, name: t(lang, 'nav.downloads') })).toBeVisible();
      await expect(page.getByTestId('not-covered').first()).toBeVisible();
      await expectNoAxeViolations(page, `downloads ${lang} ${width}`);
    } finally {
      await context.close();
    }
  });
}
