
import { type Browser, expect, type Page, test } from '@playwright/test';
import { linkIn, waitForMail } from './mail-capture.js';
import { expectNoAxeViolations, fieldLabel, LANGS, type Lang, newSession, screenshot, t } from './support.js';

/**
 * The staff console's admin screens: a staff admin creates a customer account whose first
 * administrator is invited by mail (captured by the loopback SMTP server), and adds a staff user
 * with a role; staff without those abilities see neither.
 */
const c = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `console:${key}`, vars);
const ax = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `access:${key}`, vars);

const RUN = Date.now().toString(36);

function consoleNav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: t(lang, 'console.sections') });
}

async function staffAdmin(browser: Browser, lang: Lang, baseURL: string, width = 1280) {
  const session = await newSession(browser, { lang, baseURL, email: 'staff-admin@portico.example', width });
  await session.page.goto('/console');
  await expect(session.page.getByRole('heading', { level: 1, name: t(lang, 'console.title') })).toBeVisible();
  return session;
}

test('a staff admin creates an account whose administrator is invited by mail', async ({ browser, baseURL }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const company = `Neukunde ${RUN} GmbH`;
  const adminEmail = `chefin-${RUN}@neukunde.example`;
  const { context, page } = await staffAdmin(browser, lang, base);

  await consoleNav(page, lang).getByRole('link', { name: t(lang, 'console.accounts.title') }).click();
  await page.getByRole('link', { name: c(lang, 'accounts.create') }).click();
  await expect(page).toHaveURL(/\/console\/accounts\/new$/);
  const form = page.getByRole('region', { name: c(lang, 'createAccount.title') });
  await expect(form).toBeVisible();

  // A one-letter name is refused with the reason, nothing is created.
  await form.getByLabel(fieldLabel(c(lang, 'createAccount.name'))).fill('X');
  await form.getByLabel(fieldLabel(c(lang, 'createAccount.adminName'))).fill('Clara Chefin');
  await form.getByLabel(fieldLabel(c(lang, 'createAccount.adminEmail'))).fill(adminEmail);
  await expect(form.getByRole('button', { name: c(lang, 'createAccount.submit') })).toBeDisabled();

  // A staff login's address cannot become a customer's administrator.
  await form.getByLabel(fieldLabel(c(lang, 'createAccount.name'))).fill(company);
  await form.getByLabel(fieldLabel(c(lang, 'createAccount.adminEmail'))).fill('agent@portico.example');
  await form.getByRole('button', { name: c(lang, 'createAccount.submit') }).click();
  await expect(form.getByText(c(lang, 'createAccount.errors.staffEmail'))).toBeVisible();

  await form.getByLabel(fieldLabel(c(lang, 'createAccount.adminEmail'))).fill(adminEmail);
  await form.getByLabel(c(lang, 'createAccount.currency')).selectOption('CHF');
  await form.getByLabel(c(lang, 'createAccount.adminLanguage')).selectOption('en');
  await expectNoAxeViolations(page, 'create account (de)');
  const since = Date.now();
  await form.getByRole('button', { name: c(lang, 'createAccount.submit') }).click();

  await expect(page).toHaveURL(/\/console\/accounts$/);
  const done = page.getByRole('status').filter({ hasText: company });
  await expect(done).toContainText(adminEmail);
  const accounts = page.getByRole('region', { name: t(lang, 'console.accounts.table') }).getByRole('table');
  await expect(accounts.getByRole('row').filter({ hasText: company })).toBeVisible();

  // The administrator's invitation, in the language chosen for them, names the new account.
  const mail = await waitForMail(adminEmail, { since, contains: '/invitation/' });
  expect(mail.text).toContain(company);
  expect(mail.subject).toContain('Invitation');
  await context.close();

  const invitee = await newSession(browser, { lang: 'en', baseURL: base });
  await invitee.page.goto(linkIn(mail, `${base}/invitation/`));
  await expect(invitee.page.getByRole('heading', { level: 1, name: ax('en', 'invitation.title') })).toBeVisible();
  await expect(invitee.page.getByLabel(ax('en', 'invitation.email'))).toHaveValue(adminEmail);
  await invitee.context.close();
});

test('a staff admin adds a staff user with a role', async ({ browser, baseURL }) => {
  const lang = 'de';
  const email = `billing-${RUN}@portico.example`;
  const { context, page } = await staffAdmin(browser, lang, baseURL ?? '');
  await consoleNav(page, lang).getByRole('link', { name: c(lang, 'staffUsers.title') }).click();
  await expect(page).toHaveURL(/\/console\/users$/);
  const list = page.getByRole('region', { name: c(lang, 'staffUsers.title'), exact: true });
  await expect(list.getByText('staff-admin@portico.example').filter({ visible: true }).first()).toBeVisible();

  await list.getByRole('button', { name: c(lang, 'staffUsers.create') }).click();
  const dialog = page.getByRole('dialog', { name: c(lang, 'createStaff.title') });
  await dialog.getByLabel(fieldLabel(c(lang, 'createStaff.name'))).fill(`Bea Buchhaltung ${RUN}`);
  await dialog.getByLabel(fieldLabel(c(lang, 'createStaff.email'))).fill(email);
  await dialog.getByRole('radio', { name: t(lang, 'roles.staff.billing') }).check();
  await expectNoAxeViolations(page, 'add staff user dialog (de)');
  const since = Date.now();
  await dialog.getByRole('button', { name: c(lang, 'createStaff.submit') }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(c(lang, 'staffUsers.created', { email }))).toBeVisible();
  const row = list.getByRole('table').getByRole('row').filter({ hasText: email });
  await expect(row).toContainText(t(lang, 'roles.staff.billing'));
  await expect(row).toContainText(c(lang, 'staffUsers.statuses.invited'));

  // The same address again is explained in the dialog, not duplicated.
  await list.getByRole('button', { name: c(lang, 'staffUsers.create') }).click();
  await dialog.getByLabel(fieldLabel(c(lang, 'createStaff.name'))).fill('Doppelt');
  await dialog.getByLabel(fieldLabel(c(lang, 'createStaff.email'))).fill(email.toUpperCase());
  await dialog.getByRole('button', { name: c(lang, 'createStaff.submit') }).click();
  await expect(dialog.getByText(c(lang, 'createStaff.errors.emailTaken'))).toBeVisible();
  await dialog.getByRole('button', { name: c(lang, 'createStaff.cancel') }).click();

  const mail = await waitForMail(email, { since, contains: '/invitation/' });
  expect(mail.text).toContain('/invitation/');
  await context.close();
});

test('an agent sees the accounts but neither account creation nor staff users', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'agent@portico.example' });
  await page.goto('/console/accounts');
  await expect(page.getByRole('heading', { level: 2, name: t(lang, 'console.accounts.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: c(lang, 'accounts.create') })).toHaveCount(0);
  await expect(consoleNav(page, lang).getByRole('link', { name: c(lang, 'staffUsers.title') })).toHaveCount(0);
  for (const path of ['/console/users', '/console/accounts/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: t(lang, 'notFound.title') })).toBeVisible();
  }
  expect((await context.request.get('/api/v1/staff/users')).status()).toBe(403);
  await context.close();
});

for (const lang of LANGS) {
  test(`console admin screens are axe-clean in ${lang} at 360 and 1280 px`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    for (const width of [360, 1280]) {
      const { context, page } = await staffAdmin(browser, lang, baseURL ?? '', width);
      await page.goto('/console/accounts/new');
      await expect(page.getByRole('heading', { level: 2, name: c(lang, 'createAccount.title') })).toBeVisible();
      await expectNoAxeViolations(page, `create account (${lang}, ${width})`);
      await screenshot(page, `console-create-account-${lang}-${width}`);

      await page.goto('/console/users');
      await expect(page.getByText('staff-admin@portico.example').filter({ visible: true }).first()).toBeVisible();
      await expectNoAxeViolations(page, `staff users (${lang}, ${width})`);
      await screenshot(page, `console-staff-users-${lang}-${width}`);
      await page.getByRole('button', { name: c(lang, 'staffUsers.create') }).click();
      await expect(page.getByRole('dialog', { name: c(lang, 'createStaff.title') })).toBeVisible();
      await expectNoAxeViolations(page, `add staff user dialog (${lang}, ${width})`);
      // The dialog as the viewport shows it (a full-page shot would show the page behind it).
      await screenshot(page, `console-staff-dialog-${lang}-${width}`, { viewport: true });
      await context.close();
    }
  });
}
