import { expect, type Page, test } from '@playwright/test';
import {
  BROWSER_LOCALE,
  DEMO_ACCOUNT,
  LANGS,
  SECOND_ACCOUNT,
  demoUser,
  loginViaApi,
  mainNav,
  submitLogin,
  t,
} from './support.js';

/** An entry of the open account switcher menu; its name starts with the account's name. */
function accountChoice(page: Page, account: string) {
  return page.getByRole('menuitemradio', { name: new RegExp(`^${account}`) });
}

for (const lang of LANGS) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test('an unknown address shows the 404 page inside the shell, with a way home', async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', 'member@beispiel.example');
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'notFound.title'));
      await expect(page.getByText(t(lang, 'notFound.text'))).toBeVisible();
      await expect(mainNav(page, lang)).toBeVisible();
      await page.getByRole('link', { name: t(lang, 'notFound.home'), exact: true }).click();
      await expect(page).toHaveURL(/\/$/);
    });

    test('an unknown address asks an anonymous visitor to sign in first, then shows the 404 page', async ({ page }) => {
      await page.goto('/nirgendwo');
      await expect(page).toHaveURL(/\/login\?next=%2Fnirgendwo$/);
      await submitLogin(page, lang, 'keys@beispiel.example');
      await expect(page).toHaveURL(/\/nirgendwo$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'notFound.title'));
    });

    test('admin@beispiel.example switches between its two accounts', async ({ page, context, baseURL }) => {
      const admin = demoUser('admin@beispiel.example');
      await loginViaApi(context, baseURL ?? '', admin.email);
      await page.goto('/');
      const adminLine = t(lang, 'dashboard.accountRole', { account: DEMO_ACCOUNT, role: t(lang, 'roles.customer.admin') });
      const memberLine = t(lang, 'dashboard.accountRole', { account: SECOND_ACCOUNT, role: t(lang, 'roles.customer.member') });
      await expect(page.getByText(adminLine, { exact: true })).toBeVisible();

      await page.getByRole('button', { name: t(lang, 'header.accountMenu', { account: DEMO_ACCOUNT }) }).click();
      await expect(accountChoice(page, DEMO_ACCOUNT)).toHaveAttribute('aria-checked', 'true');
      await expect(accountChoice(page, SECOND_ACCOUNT)).toHaveAttribute('aria-checked', 'false');
      await accountChoice(page, SECOND_ACCOUNT).click();

      // The switch starts over on the dashboard of the other account, where Anna is a member.
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByText(memberLine, { exact: true })).toBeVisible();
      const switcher = page.getByRole('button', { name: t(lang, 'header.accountMenu', { account: SECOND_ACCOUNT }) });
      await expect(switcher).toBeVisible();
      // A member manages no users there and reads only their own activity.
      await mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.account') }).click();
      await expect(page.getByRole('link', { name: t(lang, 'account.tabs.activity') })).toBeVisible();
      await expect(page.getByRole('link', { name: t(lang, 'account.tabs.users') })).toHaveCount(0);

      // The choice belongs to the session: a reload keeps it, switching back restores the admin view.
      await page.reload();
      await switcher.click();
      await accountChoice(page, DEMO_ACCOUNT).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByText(adminLine, { exact: true })).toBeVisible();
    });

    test('users with one account have no account switcher', async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', 'member@beispiel.example');
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: new RegExp(t(lang, 'header.switchAccount')) })).toHaveCount(0);
    });

    test('the staff admin sees the Postausgang in the console', async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', 'staff-admin@portico.example');
      await page.goto('/');
      await mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.console') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'console.title'));
      const sections = page.getByRole('navigation', { name: t(lang, 'console.sections') });
      await expect(sections.getByRole('link')).toHaveText([
        t(lang, 'console.cases.title'),
        t(lang, 'console.accounts.title'),
        t(lang, 'console:staffUsers.title'),
        t(lang, 'console.outbox.title'),
        t(lang, 'console.keys.title'),
        t(lang, 'console:invoicesNav'),
        t(lang, 'console:releasesNav'),
        t(lang, 'nav.reports'),
      ]);
      await sections.getByRole('link', { name: t(lang, 'console.outbox.title') }).click();
      await expect(page).toHaveURL(/\/console\/outbox$/);
      await expect(page.getByRole('heading', { level: 2, name: t(lang, 'console.outbox.title') })).toBeVisible();
    });

    test('the staff agent has the console but no Postausgang', async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', 'agent@portico.example');
      await page.goto('/console');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'console.title'));
      await expect(page.getByRole('link', { name: t(lang, 'console.outbox.title') })).toHaveCount(0);
      await page.goto('/console/outbox');
      await expect(page.getByRole('heading', { level: 2, name: t(lang, 'notFound.title') })).toBeVisible();
      await expect(page.getByRole('heading', { name: t(lang, 'console.outbox.title') })).toHaveCount(0);
    });

    test('customers who open the console address get the 404 page', async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', 'admin@beispiel.example');
      await page.goto('/console/outbox');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'notFound.title'));
      await expect(page.getByRole('heading', { name: t(lang, 'console.outbox.title') })).toHaveCount(0);
    });
  });
}
