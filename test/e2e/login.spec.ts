import { expect, test } from '@playwright/test';
import {
  BROWSER_LOCALE,
  DEMO_ACCOUNT,
  DEMO_USERS,
  LANGS,
  loginViaApi,
  loginViaUi,
  logoutViaUi,
  mainNav,
  submitLogin,
  t,
} from './support.js';

// Each demo user signs in through the login page in German and in English, sees exactly the
// areas their role opens, is greeted by name and signs out again.
for (const lang of LANGS) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    for (const user of DEMO_USERS) {
      test(`${user.email} signs in, sees their areas and signs out`, async ({ page }) => {
        await loginViaUi(page, lang, user.email);
        await expect(page).toHaveURL(/\/$/);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);

        const nav = mainNav(page, lang);
        await expect(nav.getByRole('link')).toHaveText(user.areas.map((area) => t(lang, `nav.${area}`)));
        await expect(nav.getByRole('link', { name: t(lang, 'nav.dashboard') })).toHaveAttribute('aria-current', 'page');
        if (!user.staff) {
          await expect(page.getByRole('link', { name: t(lang, 'nav.console') })).toHaveCount(0);
        }

        await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'dashboard.welcome', { name: user.name }));
        const roleLine = user.staff
          ? t(lang, 'dashboard.staffRole', { role: t(lang, user.roleKey) })
          : t(lang, 'dashboard.accountRole', { account: DEMO_ACCOUNT, role: t(lang, user.roleKey) });
        await expect(page.getByText(roleLine, { exact: true }).first()).toBeVisible();

        await logoutViaUi(page, lang, user);
        // The session really ended: the dashboard now asks for a login again.
        await page.goto('/');
        await expect(page).toHaveURL(/\/login/);
        await expect(page.getByRole('heading', { level: 1, name: t(lang, 'login.title') })).toBeVisible();
      });
    }

    test('a wrong password is refused with a message and no session', async ({ page }) => {
      await page.goto('/login');
      await submitLogin(page, lang, 'member@beispiel.example', 'not-the-password');
      await expect(page.getByRole('alert')).toHaveText(t(lang, 'errors.invalidCredentials'));
      await expect(page).toHaveURL(/\/login$/);
    });
  });
}

test.describe('every navigation entry', () => {
  test.use({ locale: BROWSER_LOCALE.de });

  for (const user of DEMO_USERS) {
    test(`of ${user.email} opens a real page, not the 404 page`, async ({ page, context, baseURL }) => {
      await loginViaApi(context, baseURL ?? '', user.email);
      await page.goto('/');
      const nav = mainNav(page, 'de');
      await expect(nav.getByRole('link')).toHaveCount(user.areas.length);
      for (const area of user.areas) {
        const link = nav.getByRole('link', { name: t('de', `nav.${area}`) });
        await link.click();
        await expect(link).toHaveAttribute('aria-current', 'page');
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByRole('heading', { level: 1 }), `${area} leads to the 404 page`).not.toHaveText(t('de', 'notFound.title'));
      }
    });
  }
});

test.describe('on a 360 px phone', () => {
  test.use({ locale: BROWSER_LOCALE.de, viewport: { width: 360, height: 780 } });

  test('the navigation opens from the menu button and leads to Mein Konto', async ({ page }) => {
    const user = DEMO_USERS[2];
    if (!user) throw new Error('demo users changed');
    await loginViaUi(page, 'de', user.email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'dashboard.welcome', { name: user.name }));
    const toggle = page.getByRole('button', { name: t('de', 'app.toggleNavigation') });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const nav = mainNav(page, 'de');
    await expect(nav.getByRole('link')).toHaveText(user.areas.map((area) => t('de', `nav.${area}`)));
    await nav.getByRole('link', { name: t('de', 'nav.account') }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'account.title'));
    // The page change closes the menu again.
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });
});
