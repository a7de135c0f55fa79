import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { waitForMail } from './mail-capture.js';
import { expectNoAxeViolations, type Lang, mainNav, newSession, screenshot, t } from './support.js';

// Berichte in the browser, in German, on the demo data (src/server/db/seed-demo-keys.ts): the
// demo account's keys include two whose maintenance ends within 90 days (45 and 80 days).

const ADMIN = 'admin@beispiel.example';
const r = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `reports:${key}`, vars);

/**
 * Makes the admin's subscriptions due now, as the clock would on a Monday: the e2e server runs on
 * its own SQLite data directory (playwright.config.ts), like support.ts's expireSession writes it.
 * The worker (polling every 200 ms) then sends the report.
 */
function makeSubscriptionsDue(email: string) {
  const dataDir = process.env.PORTICO_E2E_DATA_DIR;
  if (!dataDir) throw new Error('PORTICO_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const db = new Database(path.join(dataDir, 'portico.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const past = new Date(Date.now() - 1000).toISOString();
    const ids = db
      .prepare('SELECT s.id FROM report_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = ? AND s.status = ?')
      .all(email, 'active') as { id: string }[];
    if (!ids.length) throw new Error(`no active report subscription of ${email}`);
    for (const { id } of ids) {
      db.prepare('UPDATE report_subscriptions SET next_run_at = ? WHERE id = ?').run(past, id);
      db.prepare("UPDATE jobs SET run_at = ? WHERE kind = 'report.subscription' AND status = 'pending' AND payload LIKE ?").run(past, `%${id}%`);
    }
  } finally {
    db.close();
  }
}

/** The rows of the report's main table (the table on wide screens). */
const tableRows = (page: Page, lang: Lang, title: string) => page.getByRole('region', { name: r(lang, 'chart.table', { title }) }).locator('tbody tr');

test('an admin runs the maintenance report, exports it as Excel, subscribes weekly and gets the mail', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL!, email: ADMIN });
  const title = r('de', 'reports.maintenance.title');

  await page.goto('/');
  await mainNav(page, 'de').getByRole('link', { name: t('de', 'nav.reports') }).click();
  await expect(page.getByRole('heading', { level: 1, name: r('de', 'title') })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The filters live in the address: choosing 180 days is a bookmarkable URL.
  await page.getByLabel(r('de', 'filters.within')).selectOption('180');
  await expect(page).toHaveURL(/\/reports\/maintenance\?within=180$/);
  await page.getByLabel(r('de', 'filters.within')).selectOption('90');
  await expect(page).toHaveURL(/within=90/);
  await expect(page.getByRole('img', { name: r('de', 'chart.label', { title }) }).first()).toBeVisible();
  const rows = tableRows(page, 'de', title);
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThanOrEqual(2);
  await expect(rows.first().getByRole('button', { name: new RegExp(`^${t('de', 'renewal.requestFor', { key: '.+' })}$`) })).toBeVisible();
  const firstProduct = (await rows.first().locator('td').nth(1).textContent())?.trim();

  // Export: the download is read with progress, then saved; the file opens and holds the rows.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: r('de', 'export.xlsx') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^wartung-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByRole('region', { name: r('de', 'export.title') }).getByRole('status')).toHaveText(
    new RegExp(`^${download.suggestedFilename().replace(/\./g, '\\.')} gespeichert \\(.+\\)\\.$`),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync((await download.path()) as string) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(2).value).toBe('Product Key');
  expect(sheet.rowCount - 1).toBe(shown);
  expect(sheet.getRow(2).getCell(3).value).toBe(firstProduct);

  // Subscribe weekly as Excel; the subscription is listed on the reports page.
  const subscribe = page.getByRole('region', { name: r('de', 'subscribe.title') });
  await subscribe.getByLabel(r('de', 'subscribe.weekly')).check();
  await subscribe.getByRole('button', { name: r('de', 'subscribe.submit') }).click();
  await expect(subscribe.getByRole('status')).toContainText(r('de', 'subscribe.done', { date: '' }).split(' am ')[0]!);
  await screenshot(page, 'reports-maintenance-de');

  // The scheduled run comes due; the mail arrives at the SMTP server on loopback.
  const since = Date.now();
  makeSubscriptionsDue(ADMIN);
  const mail = await waitForMail(ADMIN, { since, contains: title });
  expect(mail.subject).toBe(`Ihr wöchentlicher Bericht: ${title}`);
  expect(mail.text).toContain('/reports/maintenance?within=90');

  await page.getByRole('link', { name: r('de', 'back') }).click();
  const subscriptions = page.getByRole('region', { name: r('de', 'subscriptions.title') });
  await expect(subscriptions.getByRole('link', { name: title }).first()).toBeVisible();
  await context.close();
});

test('the reports pages pass axe at 360 px in German and at 1280 px in English', async ({ browser, baseURL }) => {
  for (const [lang, width] of [
    ['de', 360],
    ['en', 1280],
  ] as const) {
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL!, email: ADMIN, width });
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: r(lang, 'title') })).toBeVisible();
    await expectNoAxeViolations(page, `reports ${lang} ${width}`);
    const report = lang === 'de' ? 'cases' : 'invoices';
    await page.goto(`/reports/${report}`);
    const title = r(lang, `reports.${report}.title`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('img', { name: r(lang, 'chart.label', { title }) }).first()).toBeVisible();
    await expectNoAxeViolations(page, `${report} report ${lang} ${width}`);
    await screenshot(page, `reports-${report}-${lang}-${width}`);
    await context.close();
  }
});

test('the console’s reports count across accounts and for one account', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL!, email: 'agent@portico.example' });
  await page.goto('/console/reports?report=key-inventory');
  const title = r('de', 'reports.key-inventory.title');
  await expect(page.getByRole('heading', { name: r('de', 'staff.title') })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  const totals = page.getByRole('region', { name: r('de', 'totals.title') });
  const all = Number((await totals.locator('dd').first().textContent())?.replace(/\D/g, ''));
  const account = page.getByRole('combobox', { name: r('de', 'staff.account') });
  await account.fill('Beispiel');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await account.press('ArrowDown');
  await account.press('Enter');
  await expect(page).toHaveURL(/accountId=acc_/);
  await expect.poll(async () => Number((await totals.locator('dd').first().textContent())?.replace(/\D/g, ''))).toBeLessThan(all);
  const chosen = await account.inputValue();
  expect(chosen).toContain('Beispiel');

  // The URL is a bookmark: opened afresh, the picker names the account before anyone searches.
  await page.goto(page.url());
  await expect(page.getByRole('combobox', { name: r('de', 'staff.account') })).toHaveValue(chosen);
  await context.close();
});
