
import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  DEMO_ACCOUNT,
  expectNoAxeViolations,
  fieldLabel,
  LANGS,
  type Lang,
  newSession,
  screenshot,
  t,
} from './support.js';

/**
 * The console's Product Keys page: a staff admin issues a key for the demo account, whose customer
 * admin then sees it; a product with an edition is created; staff without the abilities see
 * neither the issue button nor the create button.
 */
const s = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `staff-keys:${key}`, vars);
const RUN = Date.now().toString(36);

function consoleNav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: t(lang, 'console.sections') });
}

async function openStaffKeys(browser: Browser, lang: Lang, baseURL: string, email: string, width = 1280) {
  const session = await newSession(browser, { lang, baseURL, email, width });
  await session.page.goto('/console');
  await expect(session.page.getByRole('heading', { level: 1, name: t(lang, 'console.title') })).toBeVisible();
  await consoleNav(session.page, lang).getByRole('link', { name: t(lang, 'console.keys.title') }).click();
  await expect(session.page).toHaveURL(/\/console\/keys$/);
  await expect(session.page.getByRole('heading', { level: 2, name: s(lang, 'keys.title') })).toBeVisible();
  return session;
}

test('a staff admin issues a key for the demo account; the customer admin sees it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const lang = 'de';
  const base = baseURL ?? '';
  const groupName = `Ausgabe ${RUN}`;
  // A key group of its own, so the keys other specs count stay as they are.
  const customer = await newSession(browser, { lang, baseURL: base, email: 'admin@beispiel.example' });
  const created = await customer.page.request.post('/api/v1/key-groups', {
    headers: { origin: new URL(base).origin },
    data: { name: groupName },
  });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { data: { id: string } }).data.id;

  const { context, page } = await openStaffKeys(browser, lang, base, 'staff-admin@portico.example');
  try {
    await page.getByRole('button', { name: s(lang, 'keys.issue') }).click();
    const dialog = page.getByRole('dialog', { name: s(lang, 'issue.title') });
    await expect(dialog).toBeVisible();

    // Nothing chosen: the form says what is missing and sends nothing.
    await dialog.getByRole('button', { name: s(lang, 'issue.submit') }).click();
    await expect(dialog.getByText(s(lang, 'issue.accountRequired'))).toBeVisible();
    await expect(dialog.getByText(s(lang, 'issue.productRequired'))).toBeVisible();

    const account = dialog.getByRole('combobox', { name: fieldLabel(s(lang, 'issue.account')) });
    await account.fill('Beispiel');
    // The server's answer for "Beispiel" replaces the first list (all accounts): then pick by keyboard.
    const options = dialog.getByRole('listbox').getByRole('option');
    await expect(options).toHaveCount(1);
    await expect(options).toHaveText(new RegExp(`^${DEMO_ACCOUNT} \\(`));
    await account.press('ArrowDown');
    await account.press('Enter');
    await expect(account).toHaveValue(new RegExp(`^${DEMO_ACCOUNT} \\(`));
    await dialog.getByLabel(fieldLabel(s(lang, 'issue.product'))).selectOption({ label: 'Beispiel Analytics Desktop' });
    await dialog.getByLabel(s(lang, 'issue.edition')).selectOption({ label: 'Creator' });
    await dialog.getByLabel(fieldLabel(s(lang, 'issue.seats'))).fill('3');
    await dialog.getByLabel(s(lang, 'issue.maintenanceStart')).fill('2026-01-01');
    // An end before the start is refused before anything is sent.
    await dialog.getByLabel(s(lang, 'issue.maintenanceEnd')).fill('2025-12-31');
    await dialog.getByRole('button', { name: s(lang, 'issue.submit') }).click();
    await expect(dialog.getByText(s(lang, 'issue.endBeforeStart'))).toBeVisible();
    await dialog.getByLabel(s(lang, 'issue.maintenanceEnd')).fill('2030-12-31');
    await dialog.getByLabel(s(lang, 'issue.keyGroup')).selectOption({ label: groupName });
    await screenshot(page, 'staff-keys-issue-dialog-de-1280', { viewport: true });
    await expectNoAxeViolations(page, 'issue keys dialog');
    await dialog.getByRole('button', { name: s(lang, 'issue.submit') }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'issue.issued', { count: '1', account: DEMO_ACCOUNT }) })).toBeVisible();

    // The list now shows the demo account's keys, the new one first.
    const table = page.getByRole('region', { name: s(lang, 'keys.table') });
    const first = table.locator('tbody tr').first();
    await expect(first).toContainText(groupName);
    await expect(first).toContainText('Beispiel Analytics Desktop Creator');
    const licenseKey = ((await first.locator('td').first().textContent()) ?? '').trim();
    expect(licenseKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);

    // The customer admin finds it in their key group, with the maintenance the staff set.
    await customer.page.goto(`/keys?keyGroup=${groupId}`);
    const rows = customer.page.getByRole('region', { name: t(lang, 'keys:list.table') }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(licenseKey);
    await expect(rows.first()).toContainText('Beispiel Analytics Desktop');
    await expect(rows.first()).toContainText('31.12.2030');

    // Suspended from its row, after a question whose harmless answer has the focus.
    await page.getByRole('button', { name: s(lang, 'status.suspendLabel', { key: licenseKey }) }).click();
    const confirm = page.getByRole('dialog', { name: s(lang, 'status.confirmTitle.suspended') });
    await expect(confirm.getByRole('button', { name: s(lang, 'common.cancel') })).toBeFocused();
    await screenshot(page, 'staff-keys-suspend-dialog-de-1280', { viewport: true });
    await expectNoAxeViolations(page, 'suspend dialog');
    await confirm.getByRole('button', { name: s(lang, 'status.suspend') }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'status.done.suspended', { key: licenseKey }) })).toBeVisible();
    await expect(first).toContainText(s(lang, 'keys.statuses.suspended'));
    await expect(first.getByRole('button', { name: s(lang, 'status.reactivateLabel', { key: licenseKey }) })).toBeVisible();
  } finally {
    await context.close();
    await customer.context.close();
  }
});

test('a staff admin creates a product with an edition', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await openStaffKeys(browser, lang, baseURL ?? '', 'staff-admin@portico.example');
  try {
    await page.getByRole('button', { name: s(lang, 'products.create') }).click();
    const dialog = page.getByRole('dialog', { name: s(lang, 'products.createTitle') });
    const name = `Beispiel Insight ${RUN}`;
    await dialog.getByLabel(fieldLabel(s(lang, 'products.name'))).fill(name);
    await dialog.getByLabel(fieldLabel(s(lang, 'products.code'))).fill('analytics-desktop');
    await dialog.getByLabel(s(lang, 'products.editionName', { n: '1' })).fill('Team');
    await dialog.getByLabel(s(lang, 'products.editionCode', { n: '1' })).fill('team');
    // A code that is taken is explained, nothing is created.
    await dialog.getByRole('button', { name: s(lang, 'products.submit') }).click();
    await expect(dialog.getByRole('alert')).toContainText(s(lang, 'errors.codeTaken'));
    await dialog.getByLabel(fieldLabel(s(lang, 'products.code'))).fill(`insight-${RUN}`);
    await screenshot(page, 'staff-keys-product-dialog-de-1280', { viewport: true });
    await expectNoAxeViolations(page, 'create product dialog');
    await dialog.getByRole('button', { name: s(lang, 'products.submit') }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'products.created', { name }) })).toBeVisible();
    const products = page.getByRole('region', { name: s(lang, 'products.table') });
    await expect(products.getByRole('row', { name: new RegExp(name) })).toContainText('Team');
  } finally {
    await context.close();
  }
});

test('a support agent reads the keys but neither issues keys nor creates products', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await openStaffKeys(browser, lang, baseURL ?? '', 'agent@portico.example');
  try {
    await expect(page.getByRole('region', { name: s(lang, 'keys.table') }).locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('button', { name: s(lang, 'keys.issue') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: s(lang, 'products.create') })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('customers who open the console keys address get the 404 page', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, { lang: 'de', baseURL: baseURL ?? '', email: 'admin@beispiel.example' });
  try {
    await page.goto('/console/keys');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'notFound.title'));
  } finally {
    await context.close();
  }
});

for (const lang of LANGS) {
  for (const width of [1280, 360]) {
    test(`the console Product Keys page (${lang}, ${width} px) has no axe violations`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const { context, page } = await openStaffKeys(browser, lang, baseURL ?? '', 'staff-admin@portico.example', width);
      try {
        await expect(page.getByRole('heading', { level: 2, name: s(lang, 'products.title') })).toBeVisible();
        await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
        await page.waitForLoadState('networkidle');
        await screenshot(page, `staff-keys-${lang}-${width}`);
        await expectNoAxeViolations(page, `console Product Keys (${lang}, ${width} px)`);
        // The issue dialog as a phone or a desktop shows it.
        await page.getByRole('button', { name: s(lang, 'keys.issue') }).click();
        const dialog = page.getByRole('dialog', { name: s(lang, 'issue.title') });
        await dialog.getByRole('radio', { name: s(lang, 'issue.terms.subscription') }).check();
        await expect(dialog.getByLabel(fieldLabel(s(lang, 'issue.validUntil')))).toBeVisible();
        await screenshot(page, `staff-keys-issue-dialog-${lang}-${width}`, { viewport: true });
        await expectNoAxeViolations(page, `issue dialog (${lang}, ${width} px)`);
      } finally {
        await context.close();
      }
    });
  }
}
